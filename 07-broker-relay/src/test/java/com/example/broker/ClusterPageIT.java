package com.example.broker;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import com.example.hub.ConnectionRegistry;
import com.example.support.Accessibility;
import com.example.support.Browser;
import com.example.support.CapturedLog;
import com.example.support.ChatPage;
import com.example.support.HubInstance;
import com.example.support.Screenshots;
import com.example.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app on a broker of their own, and a headless Chromium browser on
 * each: the users chat with each other across instances, each page shows its own instance
 * and says which of its numbers are the cluster's, and after a broker outage the pages
 * reconnect by themselves.
 */
class ClusterPageIT {

    static TestBroker broker;

    static HubInstance instance1;

    static HubInstance instance2;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    @BeforeAll
    static void startInstances() {
        broker = TestBroker.start();
        instance1 = HubInstance.start("instance-1", broker);
        instance2 = HubInstance.start("instance-2", broker);
    }

    @AfterAll
    static void stopInstances() {
        instance1.close();
        instance2.close();
        broker.close();
    }

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

    /**
     * While a page retries an instance that stopped, the browser's console shows every
     * address it tries: a spent or empty ticket, never an access token.
     */
    @Test
    void noTokenReachesTheConsoleWhileThePageRetriesAStoppedInstance() {
        HubInstance instance3 = HubInstance.start("instance-3", broker);
        ChatPage.open(this.aliceBrowser, instance3.port()).logIn("alice").awaitConnected();
        Browser.consoleErrors(this.aliceBrowser);
        instance3.close();

        List<String> attempts = new ArrayList<>();
        await().atMost(ChatPage.TIMEOUT).until(() -> {
            Browser.consoleErrors(this.aliceBrowser)
                .stream()
                .filter((line) -> line.contains("/messages?"))
                .forEach(attempts::add);
            return attempts.size() >= 2;
        });
        assertThat(attempts).allSatisfy((line) -> assertThat(line).contains("ticket=").doesNotContain("access_token"));
    }

    @Test
    void usersOnTwoInstancesChatWithEachOther() {
        ChatPage alice = ChatPage.open(this.aliceBrowser, instance1.port()).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, instance2.port()).logIn("bob").awaitConnected();

        assertThat(alice.instance()).isEqualTo("instance-1");
        assertThat(bob.instance()).isEqualTo("instance-2");
        await().atMost(ChatPage.TIMEOUT).until(() -> alice.connectionTargets().contains(bob.connectionId()));

        alice.send("Hello from instance 1").awaitSendResult("Sent to everyone: 2 connections.");
        bob.awaitMessage("Hello from instance 1");
        bob.sendTo(alice.connectionId(), "Just for you, from instance 2");
        alice.awaitMessage("Just for you, from instance 2");

        assertThat(bob.senderOf("Hello from instance 1")).isEqualTo("alice");
        assertThat(alice.targetLabelOf("Just for you, from instance 2")).isEqualTo("to you only");
        await().atMost(ChatPage.TIMEOUT)
            .until(() -> alice.stats().startsWith("2 connections in the cluster · ")
                    && alice.stats().endsWith(" in the last minute on this instance"));
        Screenshots.save(this.aliceBrowser, "instance-1");
        Screenshots.save(this.bobBrowser, "instance-2");
    }

    @Test
    void groupMessageFromOneInstanceReachesMembersOnTheOtherAndSaysHowMany() {
        ChatPage alice = ChatPage.open(this.aliceBrowser, instance1.port()).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, instance2.port()).logIn("bob").awaitConnected();
        bob.joinGroup("tea");
        await().atMost(ChatPage.TIMEOUT)
            .until(() -> instance1.bean(ConnectionRegistry.class).members("tea").contains(bob.connectionId()));

        alice.sendToGroup("tea", "kettle is on").awaitSendResult("Sent to 1 connection in group tea.");

        bob.awaitMessage("kettle is on");
    }

    /**
     * The broker stops: no instance can deliver anything, so each page says it lost its
     * connection and why, where the user looks, and keeps trying; the broker back, the
     * pages reconnect by themselves, join their groups again, and every message reaches
     * the other page once.
     */
    @Test
    void pagesReconnectByThemselvesAfterABrokerOutage() {
        ChatPage alice = ChatPage.open(this.aliceBrowser, instance1.port()).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, instance2.port()).logIn("bob").awaitConnected();
        String aliceBefore = alice.connectionId();
        bob.joinGroup("tea");
        await().atMost(ChatPage.TIMEOUT).until(() -> bob.groups().contains("tea"));

        try (CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.WARN)) {
            broker.stop();
            try {
                for (ChatPage page : List.of(alice, bob)) {
                    await().atMost(ChatPage.TIMEOUT).until(() -> page.status().equals("reconnecting"));
                    await().atMost(ChatPage.TIMEOUT).until(() -> !page.connectionError().isEmpty());
                }
                assertThat(alice.connectionError()).isIn("Connection to broker closed.", "Broker not available.");
                // Nothing the page showed about the cluster holds now: not who is there,
                // not the numbers.
                assertThat(alice.connectionTargets()).isEmpty();
                assertThat(alice.stats()).isEqualTo("Statistics after connecting");
                assertThat(alice.isInView("connection-error")).isTrue();
                Accessibility.assertNoSeriousViolations(this.aliceBrowser);
                Screenshots.save(this.aliceBrowser, "broker-outage");
            }
            finally {
                broker.restart();
            }
            assertThat(log.lines()).anySatisfy((line) -> assertThat(line).contains("message broker is unreachable"));
        }

        for (ChatPage page : List.of(alice, bob)) {
            // The relay tries the broker again every five seconds, the page every second.
            await().atMost(ChatPage.TIMEOUT.multipliedBy(2)).until(() -> page.status().equals("connected"));
            await().atMost(ChatPage.TIMEOUT).until(() -> page.connectionError().isEmpty());
        }
        assertThat(alice.connectionId()).isNotEqualTo(aliceBefore);
        await().atMost(ChatPage.TIMEOUT).until(() -> alice.connectionTargets().contains(bob.connectionId()));
        alice.send("everyone hears this again").awaitSendResult("Sent to everyone: 2 connections.");
        bob.awaitMessage("everyone hears this again");
        bob.send("and back");
        alice.awaitMessage("and back");
        assertThat(bob.messageTexts()).containsOnlyOnce("everyone hears this again");
        await().atMost(ChatPage.TIMEOUT)
            .until(() -> instance1.bean(ConnectionRegistry.class).members("tea").contains(bob.connectionId()));
        alice.sendToGroup("tea", "kettle is on again").awaitSendResult("Sent to 1 connection in group tea.");
        bob.awaitMessage("kettle is on again");
    }

}
