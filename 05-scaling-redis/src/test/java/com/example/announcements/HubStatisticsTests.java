package com.example.announcements;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.hub.ConnectionRegistry;
import com.example.support.HubControls;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The background statistics service in a running app whose interval the tests shorten to
 * 100 ms, observed by a STOMP client on {@code /topic/stats} as a page would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class HubStatisticsTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    /**
     * Other test classes' messages may still be in the last minute, leaving it as the
     * test runs: so the test checks what holds whatever they do. Publishing only changes
     * is tested in {@link HubStatisticsWindowTests}.
     */
    @Test
    void statisticsArePublishedWhenTheyChange() throws Exception {
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/topic/stats")) {
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> JSON.readTree(alice.request("/app/stats")).get("connections").asInt() == 1);

            HubTestClient bob = HubTestClient.connect(this.port, "bob");
            JsonNode withBob = awaitPublished(alice, (stats) -> stats.get("connections").asInt() == 2);
            assertThat(withBob.properties()).extracting(Map.Entry::getKey)
                .containsExactly("connections", "messagesPerMinute", "clusterReachable", "at");

            Instant beforeSending = Instant.now();
            for (int i = 0; i < 3; i++) {
                bob.send("/app/sendMessageToAll", "{\"text\":\"hello " + i + "\"}");
            }
            bob.close();
            // The hub takes one connection's frames in order, so it may see the close
            // before it counts the last messages: the numbers with all three come later.
            awaitPublished(alice,
                    (stats) -> stats.get("connections").asInt() == 1 && stats.get("messagesPerMinute").asLong() >= 3
                            && Instant.parse(stats.get("at").asString()).isAfter(beforeSending));
        }
    }

    @Test
    void closingTheAppIsNotHeldUpByTheBackgroundService() {
        try (TestRedis redis = TestRedis.start()) {
            HubInstance app = HubInstance.start("closing", redis, "hub.stats.interval=1ms");

            assertTimeoutPreemptively(HubTestClient.TIMEOUT, app::close);
        }
    }

    /**
     * Waits for a publication on /topic/stats that meets the condition, and returns it.
     */
    private static JsonNode awaitPublished(HubTestClient client, Predicate<JsonNode> condition) {
        return await().atMost(HubTestClient.TIMEOUT)
            .until(() -> client.received("/topic/stats").stream().map(JSON::readTree).filter(condition).findFirst(),
                    Optional::isPresent)
            .orElseThrow();
    }

}
