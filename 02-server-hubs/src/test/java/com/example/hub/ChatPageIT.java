package com.example.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Opens the chat page in two headless Chromium browsers against the running app and
 * checks what each user sees.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(OpenSessions.class)
class ChatPageIT {

    @LocalServerPort
    int port;

    @Autowired
    OpenSessions openSessions;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    ChatPage alice;

    ChatPage bob;

    @BeforeEach
    void openPages() {
        this.aliceBrowser = Browser.start();
        this.bobBrowser = Browser.start();
        this.alice = ChatPage.open(this.aliceBrowser, this.port).awaitConnected();
        this.bob = ChatPage.open(this.bobBrowser, this.port).awaitConnected();
    }

    @AfterEach
    void releaseBrowsers() {
        Browser.release(this.aliceBrowser);
        Browser.release(this.bobBrowser);
    }

    @Test
    void messageTypedInOneBrowserAppearsInBoth() {
        assertThat(this.alice.connectionId()).isNotEqualTo(this.bob.connectionId());

        this.alice.send("Hello from Alice");

        this.bob.awaitMessage("Hello from Alice");
        this.alice.awaitMessage("Hello from Alice");
        this.bob.send("Hi Alice");
        this.alice.awaitMessage("Hi Alice");
        assertThat(this.alice.messageTexts()).containsExactly("Hello from Alice", "Hi Alice");
        Screenshots.save(this.aliceBrowser, "chat");
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String attack = "<img src=x onerror=alert(1)>";

        this.alice.send(attack);

        this.bob.awaitMessage(attack);
        this.alice.awaitMessage(attack);
        for (ChatPage page : new ChatPage[] { this.alice, this.bob }) {
            assertThat(page.elementsInMessages("img")).isZero();
        }
        for (WebDriver browser : new WebDriver[] { this.aliceBrowser, this.bobBrowser }) {
            assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
        }
    }

    @Test
    void pageLoadsNothingFromOtherSites() {
        String origin = "http://localhost:" + this.port + "/";

        assertThat(this.alice.loadedResources()).isNotEmpty()
            .allSatisfy((resource) -> assertThat(resource).startsWith(origin))
            .anySatisfy((resource) -> assertThat(resource).startsWith(origin + "webjars/stomp__stompjs/"));
    }

    @Test
    void serverClosesTheConnectionThenThePageReconnectsByItself() throws Exception {
        String firstId = this.alice.connectionId();
        this.alice.recordStatusChanges();

        this.openSessions.closeAll();

        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.recordedStatusChanges().contains("reconnecting"));
        this.alice.awaitConnected();
        this.bob.awaitConnected();
        assertThat(this.alice.connectionId()).isNotEqualTo(firstId);
        this.alice.send("Back again");
        this.bob.awaitMessage("Back again");
    }

}
