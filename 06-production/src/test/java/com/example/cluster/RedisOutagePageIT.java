package com.example.cluster;

import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

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
 * Two instances on a Redis of their own, a headless Chromium browser on each, and that
 * Redis stopped in the middle of the test: each page warns that its messages reach only
 * its own instance, where the user looks, and the users on one instance still chat; Redis
 * back, the warnings go and the instances hear each other again.
 */
class RedisOutagePageIT {

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
        instance1.awaitDeliveryTo(instance2);
        alice.send("everyone hears this again");
        bob.awaitMessage("everyone hears this again");
        assertThat(bob.messageTexts()).doesNotContain("only instance 1 hears this", "bob cannot hear this");
    }

}
