package com.example.hub;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two headless Chromium browsers: logging in, chatting as named users, the admin-only
 * announcement control, and logging out, as users see them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HandshakeCounter.class)
class AuthorizationPageIT {

    @LocalServerPort
    int port;

    @Autowired
    HandshakeCounter handshakes;

    WebDriver firstBrowser;

    WebDriver secondBrowser;

    @BeforeEach
    void startBrowsers() {
        this.firstBrowser = Browser.start();
        this.secondBrowser = Browser.start();
    }

    @AfterEach
    void releaseBrowsers() {
        Browser.release(this.firstBrowser);
        Browser.release(this.secondBrowser);
    }

    @Test
    void pageWithoutLoginNeverOpensAWebSocket() {
        int before = this.handshakes.attempts();

        ChatPage page = ChatPage.open(this.firstBrowser, this.port);

        await().during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(3))
            .until(() -> page.status().equals("logged out"));
        assertThat(this.handshakes.attempts()).isEqualTo(before);
        page.logIn("alice").awaitConnected();
        assertThat(this.handshakes.attempts()).isGreaterThan(before);
    }

    @Test
    void aliceAndBobLogInAndChatUnderTheirNames() {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        assertThat(alice.user()).isEqualTo("alice");

        alice.send("Hi Bob, it's Alice");

        bob.awaitMessage("Hi Bob, it's Alice");
        assertThat(bob.senderOf("Hi Bob, it's Alice")).isEqualTo("alice");
        assertThat(alice.senderOf("Hi Bob, it's Alice")).isEqualTo("you");
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.userTargets().contains("alice"));
    }

    @Test
    void userHasNoAnnouncementControlAndAForcedAnnouncementIsRefused() {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        assertThat(alice.showsAnnouncementControl()).isFalse();

        alice.forceAnnouncementControl().announce("Free cake, says Alice");

        assertThat(alice.awaitError()).isEqualTo("You are not allowed to call this hub method.");
        Screenshots.save(this.firstBrowser, "refused");
        alice.send("sorry");
        bob.awaitMessage("sorry");
        assertThat(bob.messageTexts()).doesNotContain("Free cake, says Alice");
        assertThat(alice.status()).isEqualTo("connected");
    }

    @Test
    void adminAnnouncesAndEveryoneSeesIt() {
        ChatPage admin = ChatPage.open(this.firstBrowser, this.port).logIn("admin").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        assertThat(admin.showsAnnouncementControl()).isTrue();
        assertThat(bob.showsAnnouncementControl()).isFalse();

        admin.announce("Fire drill at noon");

        bob.awaitMessage("Fire drill at noon");
        admin.awaitMessage("Fire drill at noon");
        assertThat(bob.isAnnouncement("Fire drill at noon")).isTrue();
    }

    @Test
    void logOutDisconnectsForgetsTheUserAndClearsThePage() {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        String aliceConnection = alice.connectionId();
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.connectionTargets().contains(aliceConnection));
        await().atMost(ChatPage.TIMEOUT).until(() -> alice.connectionTargets().contains(bob.connectionId()));
        alice.sendTo(bob.connectionId(), "for Bob only");
        bob.awaitMessage("for Bob only");
        bob.send("hello, everyone");
        alice.awaitMessage("hello, everyone");

        alice.logOut();

        await().atMost(ChatPage.TIMEOUT).until(() -> alice.status().equals("logged out"));
        assertThat(alice.user()).isEqualTo("nobody");
        // The next person at this browser sees nothing of Alice's.
        assertThat(alice.messageTexts()).isEmpty();
        assertThat(alice.connectionTargets()).isEmpty();
        await().atMost(ChatPage.TIMEOUT).until(() -> !bob.connectionTargets().contains(aliceConnection));
    }

}
