package com.example.announcements;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.hub.SendMessageRequest;
import com.example.support.Accessibility;
import com.example.support.AnnouncementPage;
import com.example.support.Browser;
import com.example.support.ChatPage;
import com.example.support.HubControls;
import com.example.support.Screenshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The announcement form in one headless Chromium and the chat page in another: what the
 * organiser sends, every chat page shows as an announcement; and the footer's statistics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class AnnouncementPageIT {

    @LocalServerPort
    int port;

    WebDriver chatBrowser;

    WebDriver organiserBrowser;

    @BeforeEach
    void startBrowsers() {
        this.chatBrowser = Browser.start();
        this.organiserBrowser = Browser.start();
    }

    @AfterEach
    void releaseBrowsers() {
        Browser.release(this.chatBrowser);
        Browser.release(this.organiserBrowser);
    }

    @Test
    void announcementFromTheFormAppearsInTheChatMarkedAsAnnouncement() {
        ChatPage chat = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();

        AnnouncementPage form = AnnouncementPage.open(this.organiserBrowser, this.port)
            .logIn("admin")
            .announce("The building closes at 6 <b>pm</b>");

        assertThat(form.text()).isEmpty();
        chat.awaitMessage("The building closes at 6 <b>pm</b>");
        assertThat(chat.isAnnouncement("The building closes at 6 <b>pm</b>")).isTrue();
        assertThat(chat.senderOf("The building closes at 6 <b>pm</b>")).isEqualTo("Announcement");
        Screenshots.save(this.chatBrowser, "announcement");
        Screenshots.save(this.organiserBrowser, "announcement-form");
    }

    @Test
    void refusedAnnouncementKeepsItsTextAndSaysWhy() {
        ChatPage chat = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        AnnouncementPage form = AnnouncementPage.open(this.organiserBrowser, this.port).logIn("admin");
        String tooLong = "y".repeat(SendMessageRequest.MAX_TEXT_LENGTH + 1);

        form.paste(tooLong).pressSend();

        await().atMost(ChatPage.TIMEOUT).until(() -> form.rejected().contains("1 to 4,000 characters"));
        assertThat(form.text()).isEqualTo(tooLong);
        form.announce("x");
        chat.awaitMessage("x");
        assertThat(chat.messageTexts()).containsExactly("x");
    }

    @Test
    void answerThatIsNoOutcomeKeepsTheTextAndSaysSo() {
        AnnouncementPage form = AnnouncementPage.open(this.organiserBrowser, this.port)
            .logIn("admin")
            .postTo("/no-such-page");

        form.type("Lunch is served").pressSend();

        await().atMost(ChatPage.TIMEOUT).until(() -> form.rejected().startsWith("Not sent: the server answered 4"));
        assertThat(form.text()).isEqualTo("Lunch is served");
        assertThat(form.showsSent()).isFalse();
    }

    @Test
    void ctrlEnterSendsFromTheKeyboard() {
        ChatPage chat = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        AnnouncementPage form = AnnouncementPage.open(this.organiserBrowser, this.port).logIn("admin");

        form.type("sent with the keyboard").pressCtrlEnter();

        chat.awaitMessage("sent with the keyboard");
        await().atMost(ChatPage.TIMEOUT).until(form::showsSent);
    }

    @Test
    void footerCountsThisPageAtOnceAndTheNextOneAsItOpens() {
        ChatPage first = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        await().atMost(ChatPage.TIMEOUT).until(() -> first.stats().startsWith("1 connection · "));

        ChatPage.open(this.organiserBrowser, this.port).logIn("bob").awaitConnected();

        await().atMost(ChatPage.TIMEOUT).until(() -> first.stats().startsWith("2 connections · "));
    }

    @Test
    void userWhoIsNotAnAdminIsRefusedAndKeepsTheText() {
        ChatPage chat = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        AnnouncementPage form = AnnouncementPage.open(this.organiserBrowser, this.port).logIn("bob");

        form.type("Free cake").pressSend();

        await().atMost(ChatPage.TIMEOUT).until(() -> form.rejected().contains("only an admin"));
        assertThat(form.text()).isEqualTo("Free cake");
        chat.send("anything announced?");
        chat.awaitMessage("anything announced?");
        assertThat(chat.messageTexts()).containsExactly("anything announced?");
    }

    @Test
    void announcementPageMeetsWcagAa() {
        AnnouncementPage.open(this.organiserBrowser, this.port).logIn("admin").type(" ").pressSend();

        Accessibility.assertNoSeriousViolations(this.organiserBrowser);
    }

}
