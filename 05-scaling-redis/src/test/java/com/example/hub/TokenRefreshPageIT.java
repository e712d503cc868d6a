package com.example.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tokens that live four seconds, the server closes the page's connection when its
 * token expires, and the page reconnects with the fresh token it fetched beforehand: the
 * user stays logged in and the chat goes on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "hub.token.lifetime=4s")
class TokenRefreshPageIT {

    @LocalServerPort
    int port;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    @BeforeEach
    void startBrowsers() {
        this.aliceBrowser = Browser.start();
        this.bobBrowser = Browser.start();
    }

    @AfterEach
    void releaseBrowsers() {
        Browser.release(this.aliceBrowser);
        Browser.release(this.bobBrowser);
    }

    @Test
    void pageReconnectsWithAFreshTokenWithoutLosingTheChat() {
        ChatPage alice = ChatPage.open(this.aliceBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, this.port).logIn("bob").awaitConnected();
        alice.send("before the token expires");
        bob.awaitMessage("before the token expires");
        String firstConnection = alice.connectionId();
        String bobsFirstConnection = bob.connectionId();
        alice.recordStatusChanges();

        await().atMost(ChatPage.TIMEOUT).until(() -> alice.recordedStatusChanges().contains("reconnecting"));
        alice.awaitConnected();
        // Bob's token expires too, a moment later: messages sent while he reconnects are
        // lost.
        await().atMost(ChatPage.TIMEOUT)
            .until(() -> bob.status().equals("connected") && !bob.connectionId().equals(bobsFirstConnection)
                    && !bob.connectionId().equals("none yet"));

        assertThat(alice.connectionId()).isNotEqualTo(firstConnection);
        assertThat(alice.user()).isEqualTo("alice");
        assertThat(alice.recordedStatusChanges()).doesNotContain("logged out");
        assertThat(alice.messageTexts()).contains("before the token expires");
        alice.send("after a fresh token");
        bob.awaitMessage("after a fresh token");
    }

}
