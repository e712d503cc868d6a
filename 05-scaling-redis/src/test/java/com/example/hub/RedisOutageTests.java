package com.example.hub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances, and Redis stopped in the middle of the test: each instance keeps serving
 * its own connections, says so once in its log and on its health endpoint, and delivers
 * across instances again by itself once Redis is back.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String OUTAGE_LOGGED = "Redis is unreachable";

    static HubInstance a;

    static HubInstance b;

    private final AtomicInteger probes = new AtomicInteger();

    @BeforeAll
    static void startInstances() {
        // Presence every second: after the outage, each instance gives the other three
        // seconds to be heard again, time enough for both subscriptions to come back.
        a = HubInstance.start("outage-a", "hub.cluster.presence-interval=1s");
        b = HubInstance.start("outage-b", "hub.cluster.presence-interval=1s");
    }

    @AfterAll
    static void stopInstances() {
        TestRedis.start(); // in case the test failed while Redis was stopped
        a.close();
        b.close();
    }

    @Test
    void instancesServeTheirOwnConnectionsWhileRedisIsDownAndReconnectWhenItIsBack(CapturedOutput output)
            throws Exception {
        try (HubTestClient aliceOnA = HubTestClient.connect(a.port(), "alice", "/topic/messages", "/topic/connections");
                HubTestClient carolOnA = HubTestClient.connect(a.port(), "carol", "/topic/messages");
                HubTestClient bobOnB = HubTestClient.connect(b.port(), "bob", "/topic/messages");
                HubTestClient adminOnB = HubTestClient.connect(b.port(), "admin", "/topic/messages")) {
            awaitCrossInstanceDelivery(aliceOnA, bobOnB);

            TestRedis.stop();

            for (HubInstance instance : List.of(a, b)) {
                await().atMost(HubTestClient.TIMEOUT)
                    .until(() -> instance.health().at("/components/backplane/status").asString().equals("DOWN"));
                assertThat(instance.health().at("/components/redis/status").asString()).isEqualTo("DOWN");
            }
            long outageLines = count(output, OUTAGE_LOGGED);
            assertThat(outageLines).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < 20; i++) {
                aliceOnA.send("/app/sendMessageToAll", "{\"text\":\"local A " + i + "\"}");
                bobOnB.send("/app/sendMessageToAll", "{\"text\":\"local B " + i + "\"}");
            }
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> texts(carolOnA.received("/topic/messages")).contains("local A 19"));
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> texts(adminOnB.received("/topic/messages")).contains("local B 19"));
            assertThat(texts(carolOnA.received("/topic/messages"))).noneMatch((text) -> text.startsWith("local B"));
            assertThat(texts(adminOnB.received("/topic/messages"))).noneMatch((text) -> text.startsWith("local A"));
            assertThat(count(output, OUTAGE_LOGGED)).isEqualTo(outageLines);

            TestRedis.start();

            awaitCrossInstanceDelivery(aliceOnA, bobOnB);
            for (HubInstance instance : List.of(a, b)) {
                await().atMost(HubTestClient.TIMEOUT)
                    .until(() -> instance.health().at("/components/backplane/status").asString().equals("UP"));
            }
            assertThat(output.getAll()).contains("Redis is reachable again");
            // The instances could not hear each other, but neither takes the other for
            // gone.
            await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> aliceOnA.received("/topic/connections")
                    .stream()
                    .noneMatch((event) -> event.contains("disconnected")));
        }
    }

    /**
     * Sends from A every 200 ms until B receives one: Redis pub/sub keeps nothing for
     * later.
     */
    private void awaitCrossInstanceDelivery(HubTestClient onA, HubTestClient onB) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            onA.send("/app/sendMessageToAll", "{\"text\":\"probe " + this.probes.incrementAndGet() + "\"}");
            return texts(onB.received("/topic/messages")).stream().anyMatch((text) -> text.startsWith("probe"));
        });
    }

    private static long count(CapturedOutput output, String text) {
        return output.getAll().split(text, -1).length - 1;
    }

    private static List<String> texts(List<String> bodies) {
        return bodies.stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

}
