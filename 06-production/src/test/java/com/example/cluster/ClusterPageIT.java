package com.example.cluster;

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
import com.example.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app on a Redis of their own, and a headless Chromium browser on
 * each: the users chat with each other across instances, and each page shows its own
 * instance and says which of its numbers are the cluster's, and what it can reach while
 * Redis is down.
 */
class ClusterPageIT {

    static TestRedis redis;

    static HubInstance instance1;

    static HubInstance instance2;

    WebDriver aliceBrowser;

    WebDriver bobBrowser;

    @BeforeAll
    static void startInstances() {
        redis = TestRedis.start();
        instance1 = HubInstance.start("instance-1", redis);
        instance2 = HubInstance.start("instance-2", redis);
    }

    @AfterAll
    static void stopInstances() {
        instance1.close();
        instance2.close();
        redis.close();
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
        HubInstance instance3 = HubInstance.start("instance-3", redis);
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
     * Redis stopped in the middle of the test: each page warns that its messages reach
     * only its own instance, where the user looks, and the users on one instance still
     * chat; Redis back, the warnings go and the instances hear each other again.
     */
    @Test
    void pageWarnsWhileItsInstanceIsCutOffFromTheOthers() throws Exception {
        ChatPage alice = ChatPage.open(this.aliceBrowser, instance1.port()).logIn("alice").awaitConnected();
        ChatPage bob = ChatPage.open(this.bobBrowser, instance2.port()).logIn("bob").awaitConnected();
        assertThat(alice.clusterWarning()).isEmpty();

        try (CapturedLog log = CapturedLog.of(Backplane.class, Level.WARN)) {
            redis.stop();
            try {
                for (ChatPage page : List.of(alice, bob)) {
                    await().atMost(ChatPage.TIMEOUT)
                        .until(() -> page.clusterWarning().startsWith("Cut off from the other instances"));
                }
                assertThat(alice.isInView("cluster-warning")).isTrue();
                alice.send("only instance 1 hears this").awaitSendResult("Sent to everyone: 1 connection.");
                alice.sendTo("others", "bob cannot hear this")
                    .awaitSendResult("Reached nobody: no one this instance can reach right now.");
                Accessibility.assertNoSeriousViolations(this.aliceBrowser);
                Screenshots.save(this.aliceBrowser, "cluster-warning");
            }
            finally {
                redis.restart();
            }
            assertThat(log.lines()).anySatisfy((line) -> assertThat(line).contains("Redis is unreachable"));
        }

        for (ChatPage page : List.of(alice, bob)) {
            await().atMost(HubInstance.RECONNECT).until(() -> page.clusterWarning().isEmpty());
        }
        // Both ways: the tests after this one need the instances to hear each other.
        instance1.awaitDeliveryTo(instance2);
        instance2.awaitDeliveryTo(instance1);
        alice.send("everyone hears this again");
        bob.awaitMessage("everyone hears this again");
        assertThat(bob.messageTexts()).doesNotContain("only instance 1 hears this", "bob cannot hear this");
    }

}
