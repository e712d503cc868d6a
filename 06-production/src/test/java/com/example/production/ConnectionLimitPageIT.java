package com.example.production;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.Browser;
import com.example.support.ChatPage;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A page opened by a user who has every connection the cap allows says why it cannot
 * connect, and connects by itself once the user closes another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ConnectionLimitPageIT {

    @LocalServerPort
    int port;

    @Autowired
    LimitsProperties limits;

    WebDriver browser;

    List<HubTestClient> others = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        Browser.release(this.browser);
        this.others.forEach(HubTestClient::close);
    }

    @Test
    void pageOverTheCapSaysWhyAndConnectsOnceThereIsRoom() throws Exception {
        String token = Tokens.issue(this.port, "alice");
        for (int i = 0; i < this.limits.connectionsPerUser(); i++) {
            this.others.add(HubTestClient.connectWithToken(this.port, token));
        }
        this.browser = Browser.start();
        ChatPage page = ChatPage.open(this.browser, this.port).logIn("alice");
        WebElement error = this.browser.findElement(By.id("connection-error"));

        await().atMost(ChatPage.TIMEOUT)
            .untilAsserted(() -> assertThat(error.getText())
                .startsWith("You have " + this.limits.connectionsPerUser() + " connections open on this server"));
        assertThat(page.status()).isNotEqualTo("connected");

        this.others.remove(0).close();
        page.awaitConnected();
        assertThat(error.isDisplayed()).isFalse();
    }

}
