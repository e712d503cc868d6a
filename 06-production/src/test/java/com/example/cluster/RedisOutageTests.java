package com.example.cluster;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on a Redis of their own, and that Redis stopped in the middle of the
 * test: each instance keeps serving its own connections, says so once in its log, on its
 * health endpoint and to its pages, counts only the connections its messages reach, and
 * delivers across instances again by itself once Redis is back, without taking the other
 * instance for gone.
 */
class RedisOutageTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    static TestRedis redis;

    static HubInstance a;

    static HubInstance b;

    @BeforeAll
    static void startInstances() {
        redis = TestRedis.start();
        // Presence every second: after the outage, each instance gives the other three
        // seconds to be heard again, time enough for both subscriptions to come back.
        a = HubInstance.start("outage-a", redis, "hub.cluster.presence-interval=1s", "hub.stats.interval=100ms");
        b = HubInstance.start("outage-b", redis, "hub.cluster.presence-interval=1s", "hub.stats.interval=100ms");
    }

    @AfterAll
    static void stopInstances() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void instancesServeTheirOwnConnectionsWhileRedisIsDownAndReconnectWhenItIsBack() throws Exception {
        // What the instructor notes promise the terminal shows during an outage: one
        // line per instance (the backplane's, captured on its own), and nothing else
        // at WARN or above, whatever is sent and however often health is looked at.
        try (CapturedLog everythingElse = CapturedLog.everything(Level.WARN);
                HubTestClient aliceOnA = HubTestClient.connect(a.port(), "alice", "/topic/messages",
                        "/topic/connections", "/topic/stats", "/user/queue/replies", "/user/queue/errors");
                HubTestClient carolOnA = HubTestClient.connect(a.port(), "carol", "/topic/messages");
                HubTestClient bobOnB = HubTestClient.connect(b.port(), "bob", "/topic/messages");
                HubTestClient adminOnB = HubTestClient.connect(b.port(), "admin", "/topic/messages");
                CapturedLog log = CapturedLog.of(Backplane.class, Level.INFO)) {
            HubInstance.awaitDelivery(aliceOnA, bobOnB);

            redis.stop();

            // Presence every second makes each instance notice within a second or so.
            for (String instance : List.of("outage-a", "outage-b")) {
                await().atMost(HubTestClient.TIMEOUT).until(() -> outageLines(log, instance) == 1);
            }
            for (HubInstance instance : List.of(a, b)) {
                JsonNode health = instance.health();
                assertThat(health.at("/components/backplane/status").asString()).isEqualTo("DOWN");
                // Its own connections: those of the other instance are out of its reach.
                assertThat(health.at("/components/backplane/details/connections").asInt()).isEqualTo(2);
                // The backplane says it, once: Boot's Redis check, which logs a stack
                // trace at every look, is off.
                assertThat(health.at("/components/redis").isMissingNode()).isTrue();
            }
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> aliceOnA.received("/topic/stats")
                    .stream()
                    .anyMatch((stats) -> stats.contains("\"clusterReachable\":false")));
            int repliesBefore = aliceOnA.received("/user/queue/replies").size();
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
            // The replies count only the connections a message reaches: those on A.
            List<String> replies = aliceOnA.awaitReceived("/user/queue/replies", repliesBefore + 20);
            assertThat(replies.subList(repliesBefore, replies.size())).containsOnly("{\"connections\":2}");
            aliceOnA.send("/app/sendMessageToConnection",
                    "{\"connectionId\":\"" + bobOnB.connectionId() + "\",\"text\":\"for bob\"}");
            assertThat(aliceOnA.awaitReceived("/user/queue/errors", 1)).singleElement()
                .asString()
                .contains("\"error\":\"unreachable\"");
            assertThat(everythingElse.lines()).isEmpty();
            // Forty lost messages later: still one line per instance, not one per
            // message.
            assertThat(outageLines(log, "outage-a")).isEqualTo(1);
            assertThat(outageLines(log, "outage-b")).isEqualTo(1);

            redis.restart();

            HubInstance.awaitDelivery(aliceOnA, bobOnB);
            for (HubInstance instance : List.of(a, b)) {
                await().atMost(HubTestClient.TIMEOUT)
                    .until(() -> instance.health().at("/components/backplane/status").asString().equals("UP"));
            }
            for (String instance : List.of("outage-a", "outage-b")) {
                await().atMost(HubInstance.RECONNECT)
                    .until(() -> log.lines()
                        .stream()
                        .anyMatch((line) -> line.contains("reachable again from " + instance)));
            }
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> lastOf(aliceOnA.received("/topic/stats")).contains("\"clusterReachable\":true"));
            // The instances could not hear each other, but neither takes the other for
            // gone.
            await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> aliceOnA.received("/topic/connections")
                    .stream()
                    .noneMatch((event) -> event.contains("disconnected")));
        }
    }

    private static String lastOf(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static long outageLines(CapturedLog log, String instance) {
        return log.lines().stream().filter((line) -> line.contains("Redis is unreachable from " + instance)).count();
    }

    private static List<String> texts(List<String> bodies) {
        return bodies.stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

}
