package com.example.hub;

import java.util.Objects;
import java.util.stream.Stream;

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

import com.example.support.Accessibility;
import com.example.support.Browser;
import com.example.support.ChatPage;
import com.example.support.HubControls;
import com.example.support.MessageControls;
import com.example.support.Screenshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Opens the chat page in two headless Chromium browsers against the running app and
 * checks what each user sees.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ChatPageIT {

    @LocalServerPort
    int port;

    @Autowired
    HubControls hub;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    ChatPage alice;

    ChatPage bob;

    /** Alice's page; the tests that need it open Bob's too. */
    @BeforeEach
    void openAlicesPage() {
        this.aliceBrowser = Browser.start();
        this.alice = ChatPage.open(this.aliceBrowser, this.port).logIn("alice").awaitConnected();
        this.hub.awaitOpenConnections(1);
    }

    @AfterEach
    void releaseBrowsers() {
        Stream.of(this.aliceBrowser, this.bobBrowser).filter(Objects::nonNull).forEach(Browser::release);
    }

    private void openBobsPage() {
        this.bobBrowser = Browser.start();
        this.bob = ChatPage.open(this.bobBrowser, this.port).logIn("bob").awaitConnected();
        this.hub.awaitOpenConnections(2);
    }

    @Test
    void messageTypedInOneBrowserAppearsInBoth() {
        openBobsPage();
        assertThat(this.alice.connectionId()).isNotEqualTo(this.bob.connectionId());

        this.alice.send("Hello from Alice");

        this.bob.awaitMessage("Hello from Alice");
        this.alice.awaitMessage("Hello from Alice").awaitSendResult("Sent to everyone: 2 connections.");
        assertThat(this.alice.messageBox()).isEmpty();
        this.bob.send("Hi Alice");
        this.alice.awaitMessage("Hi Alice");
        assertThat(this.alice.messageTexts()).containsExactly("Hello from Alice", "Hi Alice");
        Screenshots.save(this.aliceBrowser, "chat");
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        openBobsPage();
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
    void pageLoadsNothingFromOtherSitesAndShowsNoConsoleError() {
        String origin = "http://localhost:" + this.port + "/";

        this.alice.send("Hello").awaitSendResult("Sent to everyone: 1 connection.");

        assertThat(this.alice.loadedResources()).isNotEmpty()
            .allSatisfy((resource) -> assertThat(resource).startsWith(origin))
            .anySatisfy((resource) -> assertThat(resource).startsWith(origin + "webjars/stomp__stompjs/"))
            .noneSatisfy((resource) -> assertThat(resource).contains("favicon"));
        assertThat(Browser.consoleErrors(this.aliceBrowser)).isEmpty();
    }

    @Test
    void serverClosesTheConnectionThenThePageReconnectsByItself() throws Exception {
        openBobsPage();
        String firstId = this.alice.connectionId();
        this.alice.recordStatusChanges();

        this.hub.closeAll();

        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.recordedStatusChanges().contains("reconnecting"));
        this.alice.awaitConnected();
        this.bob.awaitConnected();
        assertThat(this.alice.connectionId()).isNotEqualTo(firstId);
        this.alice.send("Back again");
        this.bob.awaitMessage("Back again");
    }

    @Test
    void connectionClosesBeforeTheHubAnswersThenTheTextStaysAndThePageSaysSo() throws Exception {
        String text = "Important " + MessageControls.UNANSWERED;
        this.alice.send(text);
        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.sendButton().equals("Sending…"));

        this.hub.closeAll();

        this.alice.awaitSendError("closed before the hub confirmed your message");
        assertThat(this.alice.messageBox()).isEqualTo(text);
        this.alice.awaitConnected();
        assertThat(this.alice.sendButton()).isEqualTo("Send");
    }

    @Test
    void sendWhileDisconnectedKeepsTheTextAndLaterSendsAreAnswered() throws Exception {
        this.hub.refuseConnections(true);
        try {
            this.hub.closeAll();
            await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.status().equals("reconnecting"));

            this.alice.paste("written while away").submitAnyway();

            this.alice.awaitSendError("Not connected to the hub: nothing was sent.");
            assertThat(this.alice.messageBox()).isEqualTo("written while away");
        }
        finally {
            this.hub.refuseConnections(false);
        }
        this.alice.awaitConnected();
        this.alice.send("written while away");
        this.alice.awaitMessage("written while away");
        assertThat(this.alice.messageBox()).isEmpty();
    }

    @Test
    void blankMessageThenThePageSaysSoAndSendsNothing() {
        this.alice.send("   ");

        this.alice.awaitSendError("Type a message first.");
        this.alice.send("after the blank one");
        this.alice.awaitMessage("after the blank one");
        assertThat(this.alice.messageTexts()).containsExactly("after the blank one");
    }

    @Test
    void textOverTheLimitIsKeptCountedAndRefused() {
        String tooLong = "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH + 120);

        this.alice.paste(tooLong).pressEnter();

        this.alice.awaitSendError("120 characters too long");
        assertThat(this.alice.messageBox()).isEqualTo(tooLong);
        assertThat(this.alice.messageCount()).isEqualTo("4,120 / 4,000");
        assertThat(this.alice.messageCountIsOver()).isTrue();
        this.alice.paste("x".repeat(SendMessageRequest.MAX_TEXT_LENGTH)).pressEnter();
        this.alice.awaitMessage("x".repeat(SendMessageRequest.MAX_TEXT_LENGTH));
        assertThat(this.alice.messageTexts()).hasSize(1);
    }

    @Test
    void errorDisappearsOnceTheTextChanges() {
        this.alice.send(" ").awaitSendError("Type a message first.");

        this.alice.send("x");

        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.sendError().isEmpty());
        this.alice.awaitSendResult("Sent to everyone: 1 connection.");
    }

    @Test
    void keyboardAloneSendsAndFocusReturnsToTheMessageBox() {
        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.focused().equals("message-text"));

        this.alice.send("typed, never clicked").awaitSendResult("Sent to everyone: 1 connection.");

        assertThat(this.alice.focused()).isEqualTo("message-text");
        this.alice.pressTab();
        assertThat(this.alice.focused()).isEqualTo("send-button");
        this.alice.awaitMessage("typed, never clicked");
    }

    @Test
    void pageMeetsWcagAaWithMessagesAndAnError() {
        this.alice.send("Hello").awaitSendResult("Sent to everyone: 1 connection.");
        this.alice.send(" ").awaitSendError("Type a message first.");

        Accessibility.assertNoSeriousViolations(this.aliceBrowser);
        // Screen readers announce a change of status without moving the focus.
        assertThat(this.alice.statusRole()).isEqualTo("status");
    }

    @Test
    void aMessageListThatScrollsCanBeReadByKeyboard() {
        // Long messages, which wrap over many lines: a few fill the list.
        String words = "a long message ".repeat(SendMessageRequest.MAX_TEXT_LENGTH / 16);
        for (int i = 1; !this.alice.messagesScroll(); i++) {
            assertThat(i).as("messages sent before the list scrolls").isLessThanOrEqualTo(40);
            String text = i + " " + words;
            this.alice.paste(text).pressEnter().awaitMessage(text);
        }

        // A list that scrolls must take the focus, or a keyboard user cannot scroll it.
        Accessibility.assertNoSeriousViolations(this.aliceBrowser);
    }

}
