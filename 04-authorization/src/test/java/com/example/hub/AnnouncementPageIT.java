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
 * Headless Chromium on the chat page and on the announcement page: what the organiser
 * sends from the form appears in the chat, marked as an announcement, and the footer
 * follows the number of connections.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
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
            .announce("admin", "The building closes at 6 <b>pm</b>");

        assertThat(form.showsSent()).isTrue();
        chat.awaitMessage("The building closes at 6 <b>pm</b>");
        assertThat(chat.isAnnouncement("The building closes at 6 <b>pm</b>")).isTrue();
        assertThat(chat.senderOf("The building closes at 6 <b>pm</b>")).isEqualTo("Announcement");
        Screenshots.save(this.chatBrowser, "announcement");
        Screenshots.save(this.organiserBrowser, "announcement-form");
    }

    @Test
    void footerCountsConnectionsAsASecondChatPageOpens() {
        ChatPage first = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        await().atMost(ChatPage.TIMEOUT).until(() -> first.statsConnections().equals("1"));

        ChatPage.open(this.organiserBrowser, this.port).logIn("bob").awaitConnected();

        await().atMost(ChatPage.TIMEOUT).until(() -> first.statsConnections().equals("2"));
    }

}
