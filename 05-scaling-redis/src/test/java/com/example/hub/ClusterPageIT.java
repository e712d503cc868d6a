package com.example.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app on one Redis, and a headless Chromium browser on each: the
 * users chat with each other across instances, and each page shows its own instance.
 */
class ClusterPageIT {

    HubInstance instance1;

    HubInstance instance2;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    @BeforeEach
    void start() {
        this.instance1 = HubInstance.start("instance-1");
        this.instance2 = HubInstance.start("instance-2");
        this.aliceBrowser = Browser.start();
        this.bobBrowser = Browser.start();
    }

    @AfterEach
    void stop() {
        Browser.release(this.aliceBrowser);
        Browser.release(this.bobBrowser);
        this.instance1.close();
        this.instance2.close();
    }

    @Test
    void usersOnTwoInstancesChatWithEachOther() {
        ChatPage alice = ChatPage.open(this.aliceBrowser, this.instance1.port()).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, this.instance2.port()).logIn("bob").awaitConnected();

        assertThat(alice.instance()).isEqualTo("instance-1");
        assertThat(bob.instance()).isEqualTo("instance-2");
        await().atMost(ChatPage.TIMEOUT).until(() -> alice.connectionTargets().contains(bob.connectionId()));

        alice.send("Hello from instance 1");
        bob.awaitMessage("Hello from instance 1");
        bob.sendTo(alice.connectionId(), "Just for you, from instance 2");
        alice.awaitMessage("Just for you, from instance 2");

        assertThat(bob.senderOf("Hello from instance 1")).isEqualTo("alice");
        assertThat(alice.targetLabelOf("Just for you, from instance 2")).isEqualTo("to you only");
        // The footer's statistics are published every few seconds.
        await().atMost(ChatPage.TIMEOUT).until(() -> alice.statsConnections().equals("2"));
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.statsConnections().equals("2"));
        Screenshots.save(this.aliceBrowser, "instance-1");
        Screenshots.save(this.bobBrowser, "instance-2");
    }

}
