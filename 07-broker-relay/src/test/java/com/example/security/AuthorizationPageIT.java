package com.example.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.AbruptClient;
import com.example.support.Accessibility;
import com.example.support.Browser;
import com.example.support.ChatPage;
import com.example.support.HandshakeCounter;
import com.example.support.HubControls;
import com.example.support.MutableClock;
import com.example.support.Screenshots;
import com.example.support.TokenUse;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two headless Chromium browsers on the chat page: logging in and out, names on messages,
 * the announcement control that only an admin has, and a session that ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class AuthorizationPageIT {

    @LocalServerPort
    int port;

    @Autowired
    HandshakeCounter handshakes;

    @Autowired
    TokenUse tokens;

    @Autowired
    HubControls hub;

    @Autowired
    MutableClock clock;

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
        this.clock.reset();
    }

    /** Moves the server's clock, and the clock of every open page, forward. */
    private void advanceClocks(Duration duration) {
        this.clock.advance(duration);
        for (WebDriver browser : List.of(this.firstBrowser, this.secondBrowser)) {
            ((JavascriptExecutor) browser).executeScript("const now = Date.now; Date.now = () => now() + arguments[0];",
                    duration.toMillis());
        }
    }

    @Test
    void pageWithoutLoginOpensNoWebSocket() {
        int before = this.handshakes.attempts();

        ChatPage page = ChatPage.open(this.firstBrowser, this.port);

        // The page's script has run to its end: it connects only when someone logs in.
        await().atMost(ChatPage.TIMEOUT).until(() -> page.status().equals("logged out"));
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
        Screenshots.save(this.firstBrowser, "chat");
    }

    @Test
    void messageToAUserReachesEveryTabAndSaysHowMany() {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        this.hub.awaitOpenConnections(2);
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.userTargets().contains("alice"));

        bob.sendTo("user:alice", "to all your tabs").awaitSendResult("Sent to alice: 1 connection.");

        alice.awaitMessage("to all your tabs");
        assertThat(alice.targetLabelOf("to all your tabs")).isEqualTo("to you, in every tab");
    }

    @Test
    void wrongPasswordIsShownAndGoesWithTheRightOneAndFocusMovesToTheMessageBox() {
        ChatPage page = ChatPage.open(this.firstBrowser, this.port);

        page.logIn("alice", "not her password").awaitLoginError("Wrong username or password.");
        assertThat(page.focused()).isEqualTo("password");
        page.logIn("alice").awaitConnected();

        assertThat(page.loginError()).isEmpty();
        await().atMost(ChatPage.TIMEOUT).until(() -> page.focused().equals("message-text"));
    }

    @Test
    void userHasNoAnnouncementControlAndAForcedAnnouncementIsRefused() {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        assertThat(alice.showsAnnouncementControl()).isFalse();

        alice.forceAnnouncementControl().announce("Free cake, says Alice");

        await().atMost(ChatPage.TIMEOUT)
            .until(() -> alice.announceOutcome().equals("You are not allowed to call this hub method."));
        assertThat(alice.announceText()).isEqualTo("Free cake, says Alice");
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
        this.hub.awaitOpenConnections(2);

        admin.announce("Fire drill at noon");

        bob.awaitMessage("Fire drill at noon");
        admin.awaitMessage("Fire drill at noon");
        assertThat(bob.isAnnouncement("Fire drill at noon")).isTrue();
        await().atMost(ChatPage.TIMEOUT).until(() -> admin.announceOutcome().equals("Announced to 2 connections."));
        assertThat(admin.announceText()).isEmpty();
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
        await().atMost(ChatPage.TIMEOUT).until(() -> !alice.sendResult().isEmpty());
        await().atMost(ChatPage.TIMEOUT).until(() -> !alice.stats().equals("Statistics after connecting"));

        alice.logOut();

        await().atMost(ChatPage.TIMEOUT).until(() -> alice.status().equals("logged out"));
        assertThat(alice.user()).isEqualTo("nobody");
        // The next person at this browser sees nothing of Alice's.
        assertThat(alice.messageTexts()).isEmpty();
        assertThat(alice.connectionTargets()).isEmpty();
        assertThat(alice.userTargets()).isEmpty();
        assertThat(alice.sendResult()).isEmpty();
        assertThat(alice.stats()).isEqualTo("Statistics after connecting");
        await().atMost(ChatPage.TIMEOUT).until(() -> !bob.connectionTargets().contains(aliceConnection));
    }

    /**
     * The pages refresh their 15-minute tokens and name their connections, so the
     * connections outlive the tokens they were opened with: after twelve minutes and
     * again after twenty-four, the same connections, no reconnect, the group kept and
     * messages delivered. A connection opened beside them whose page does not refresh
     * closes as its token expires. The test moves the pages' clocks and the server's
     * instead of waiting.
     */
    @Test
    void refreshedTokensKeepTheConnectionGoingPastTheFirstTokensExpiry() throws Exception {
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.secondBrowser, this.port).logIn("bob").awaitConnected();
        bob.joinGroup("tea");
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.groups().contains("tea"));
        String aliceConnection = alice.connectionId();
        String bobConnection = bob.connectionId();
        AbruptClient carol = AbruptClient.connectWithToken(this.port, Tokens.fresh(this.port, "carol"));
        int handshakes = this.handshakes.attempts();

        for (int round = 1; round <= 2; round++) {
            int refreshed = this.tokens.refreshed();
            advanceClocks(Duration.ofMinutes(12));
            await().atMost(ChatPage.TIMEOUT).until(() -> this.tokens.refreshed() >= refreshed + 2);
        }
        // Carol's token expired nine minutes ago: once her connection is closed, the
        // server has looked at every connection's expiry since the clock moved.
        await().atMost(ChatPage.TIMEOUT).until(() -> "1008 Access token expired".equals(carol.closeStatus()));

        alice.sendToGroup("tea", "still here after 24 minutes").awaitSendResult("Sent to 1 connection in group tea.");
        bob.awaitMessage("still here after 24 minutes");
        assertThat(List.of(alice.connectionId(), bob.connectionId())).containsExactly(aliceConnection, bobConnection);
        assertThat(this.handshakes.attempts()).isEqualTo(handshakes);
        // Every page opened its WebSocket with a ticket: no address held a token.
        assertThat(this.tokens.browserHandshakes()).isNotEmpty()
            .allSatisfy(
                    (address) -> assertThat(address).startsWith("/messages?ticket=").doesNotContain("access_token"));
    }

    /**
     * A login older than the server allows (8 hours) ends at the next reconnect: the
     * refresh is refused, and the page asks the user to log in, where the user looks,
     * with the focus in the login form.
     */
    @Test
    void sessionOlderThanTheServerAllowsEndsAndAsksToLogInAgain() {
        this.firstBrowser.manage().window().setSize(new Dimension(950, 700));
        ChatPage alice = ChatPage.open(this.firstBrowser, this.port).logIn("alice").awaitConnected();

        // The server closes the connection its expired token opened, and the page
        // reconnects.
        advanceClocks(Duration.ofHours(9));

        alice.awaitLoginError("Your session has ended. Please log in again.");
        assertThat(alice.status()).isEqualTo("logged out");
        assertThat(alice.isInView("login-error")).isTrue();
        assertThat(alice.focused()).isEqualTo("username");
    }

    @Test
    void loggedOutAndAdminPagesMeetWcagAa() {
        ChatPage page = ChatPage.open(this.firstBrowser, this.port);
        page.logIn("admin", "wrong").awaitLoginError("Wrong username or password.");
        Accessibility.assertNoSeriousViolations(this.firstBrowser);

        page.logIn("admin").awaitConnected();

        Accessibility.assertNoSeriousViolations(this.firstBrowser);
    }

}
