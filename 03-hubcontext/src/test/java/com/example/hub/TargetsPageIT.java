package com.example.hub;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
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
import com.example.support.Screenshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three headless Chromium browsers on the chat page: targeted messages appear only where
 * they were sent, and the "To" list follows connections as they come and go. A page that
 * should not show a message is checked after the sender's next message, to everyone, has
 * arrived there: messages from one sender arrive in order.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class TargetsPageIT {

    @LocalServerPort
    int port;

    @Autowired
    HubControls hub;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    WebDriver carolBrowser;

    ChatPage alice;

    ChatPage bob;

    ChatPage carol;

    /** Alice's page; the tests that need them open Bob's and Carol's too. */
    @BeforeEach
    void openAlicesPage() {
        this.aliceBrowser = Browser.start();
        this.alice = ChatPage.open(this.aliceBrowser, this.port).awaitConnected();
    }

    @AfterEach
    void releaseBrowsers() {
        Stream.of(this.aliceBrowser, this.bobBrowser, this.carolBrowser)
            .filter(Objects::nonNull)
            .forEach(Browser::release);
    }

    private void openBobsAndCarolsPages() {
        this.bobBrowser = Browser.start();
        this.carolBrowser = Browser.start();
        this.bob = ChatPage.open(this.bobBrowser, this.port).awaitConnected();
        this.carol = ChatPage.open(this.carolBrowser, this.port).awaitConnected();
        this.hub.awaitOpenConnections(3);
        List<ChatPage> pages = List.of(this.alice, this.bob, this.carol);
        for (ChatPage page : pages) {
            List<String> others = pages.stream().filter((other) -> other != page).map(ChatPage::connectionId).toList();
            await().atMost(ChatPage.TIMEOUT).until(() -> page.connectionTargets().containsAll(others));
        }
    }

    @Test
    void messageToOneConnectionAppearsOnlyThere() {
        openBobsAndCarolsPages();
        this.alice.sendTo(this.bob.connectionId(), "psst, Bob").awaitSendResult("Sent to that connection.");

        this.bob.awaitMessage("psst, Bob");
        assertThat(this.bob.targetLabelOf("psst, Bob")).isEqualTo("to you only");
        this.alice.sendTo("all", "now for everyone").awaitSendResult("Sent to everyone: 3 connections.");
        this.carol.awaitMessage("now for everyone");
        this.alice.awaitMessage("now for everyone");
        assertThat(this.carol.messageTexts()).doesNotContain("psst, Bob");
        assertThat(this.alice.messageTexts()).doesNotContain("psst, Bob");
    }

    @Test
    void messageToOthersAndToMyselfSaysWhereItWent() {
        openBobsAndCarolsPages();
        this.alice.sendTo("others", "hello, you two").awaitSendResult("Sent to 2 connections.");
        this.bob.awaitMessage("hello, you two");
        this.carol.awaitMessage("hello, you two");

        this.alice.sendTo("caller", "note to self").awaitSendResult("Sent to you.");
        this.alice.awaitMessage("note to self");
        assertThat(this.alice.targetLabelOf("note to self")).isEqualTo("to yourself");
        assertThat(this.alice.messageTexts()).doesNotContain("hello, you two");
    }

    @Test
    void groupMessageAppearsOnlyInItsMembers() {
        openBobsAndCarolsPages();
        this.alice.joinGroup("tea");
        this.bob.joinGroup("tea");
        this.carol.joinGroup("chess");

        this.carol.sendToGroup("tea", "kettle is on").awaitSendResult("Sent to 2 connections in group tea.");

        this.alice.awaitMessage("kettle is on");
        this.bob.awaitMessage("kettle is on");
        assertThat(this.alice.targetLabelOf("kettle is on")).isEqualTo("to group tea");
        Screenshots.save(this.aliceBrowser, "group");
        this.carol.sendTo("all", "done");
        this.carol.awaitMessage("done");
        assertThat(this.carol.messageTexts()).doesNotContain("kettle is on");
    }

    @Test
    void messageToAGroupNobodyIsInSaysSo() {
        this.alice.sendToGroup("coffee", "anyone?").awaitSendResult("Nobody is in group coffee.");

        assertThat(this.alice.messageBox()).isEmpty();
    }

    @Test
    void messageToTheGroupWithTheGroupBoxEmptySaysWhatIsMissing() {
        this.alice.sendToGroup("", "to whom?");

        this.alice.awaitSendError("Type the name of the group in the Group box below first.");
        assertThat(this.alice.messageBox()).isEqualTo("to whom?");
    }

    @Test
    void groupErrorIsShownBesideTheGroupFormAndGoesOnceFixed() {
        this.aliceBrowser.manage().window().setSize(new Dimension(950, 700));

        this.alice.pressJoin("no spaces allowed");

        this.alice.awaitGroupError("1 to 64 letters, digits, - or _");
        assertThat(this.alice.isInView("group-error")).isTrue();
        this.alice.joinGroup("tea");
        assertThat(this.alice.groupError()).isEmpty();
        this.alice.leaveGroup("tea");
        assertThat(this.alice.groups()).containsExactly("no group");
    }

    @Test
    void closingABrowserRemovesItFromTheOtherLists() {
        openBobsAndCarolsPages();
        String carolId = this.carol.connectionId();
        assertThat(this.alice.connectionTargets()).contains(this.bob.connectionId(), carolId)
            .doesNotContain(this.alice.connectionId());
        assertThat(this.bob.connectionTargets()).contains(carolId);

        this.carolBrowser.quit();

        await().atMost(ChatPage.TIMEOUT)
            .until(() -> !this.alice.connectionTargets().contains(carolId)
                    && !this.bob.connectionTargets().contains(carolId));
        assertThat(this.alice.connectionTargets()).contains(this.bob.connectionId());
    }

    /**
     * The hub forgets a connection's groups when it closes: after a reconnect the user
     * did not ask for, the page joins them again by itself, and group messages reach it.
     */
    @Test
    void groupsAreJoinedAgainAfterAReconnect() throws Exception {
        openBobsAndCarolsPages();
        this.bob.joinGroup("tea");
        await().atMost(ChatPage.TIMEOUT).until(() -> this.bob.groups().contains("tea"));
        String before = this.bob.connectionId();

        this.hub.closeAll();

        await().atMost(ChatPage.TIMEOUT)
            .until(() -> this.bob.status().equals("connected") && !this.bob.connectionId().equals(before));
        await().atMost(ChatPage.TIMEOUT).until(() -> this.bob.groups().contains("tea"));
        this.alice.awaitConnected().sendToGroup("tea", "back in the group");
        this.bob.awaitMessage("back in the group");
    }

    @Test
    void messageToAConnectionThatLeftIsRefusedNotBroadcast() {
        openBobsAndCarolsPages();
        String carolId = this.carol.connectionId();
        this.alice.choose(carolId);

        this.carolBrowser.quit();

        await().atMost(ChatPage.TIMEOUT).until(() -> this.alice.chosenTarget().endsWith("(left)"));
        this.alice.send("still there, Carol?").awaitSendError(carolId);
        assertThat(this.alice.messageBox()).isEqualTo("still there, Carol?");
        this.alice.sendTo("all", "never mind");
        // Chosen no longer, the connection that left is gone from the list at once.
        assertThat(this.alice.connectionTargets()).doesNotContain(carolId);
        this.bob.awaitMessage("never mind");
        this.alice.awaitMessage("never mind");
        assertThat(this.bob.messageTexts()).doesNotContain("still there, Carol?");
        assertThat(this.alice.messageTexts()).doesNotContain("still there, Carol?");
    }

    @Test
    void pageWithTargetsAndGroupsMeetsWcagAa() {
        openBobsAndCarolsPages();
        this.alice.joinGroup("tea").choose(this.bob.connectionId());
        this.alice.pressJoin("not valid!").awaitGroupError("1 to 64 letters");

        Accessibility.assertNoSeriousViolations(this.aliceBrowser);
    }

}
