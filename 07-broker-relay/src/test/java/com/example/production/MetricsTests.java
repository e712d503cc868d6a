package com.example.production;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub's numbers at {@code /actuator/metrics} and {@code /actuator/prometheus}, for an
 * admin only, and the health probes for anyone, over HTTP against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class MetricsTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Test
    void metricsFollowConnectionsAndMessages() throws Exception {
        double before = value("hub.messages.received");
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/topic/messages")) {
            await().atMost(HubTestClient.TIMEOUT).until(() -> value("hub.connections?tag=scope:instance") >= 1);

            alice.send("/app/sendMessageToAll", "{\"text\":\"counted\"}");
            alice.awaitReceived("/topic/messages", 1);

            assertThat(value("hub.messages.received")).isGreaterThanOrEqualTo(before + 1);
            assertThat(value("hub.connections?tag=scope:cluster")).isGreaterThanOrEqualTo(1);
            assertThat(value("hub.broker.reachable")).isEqualTo(1);
        }
        assertThat(get("/actuator/prometheus", "admin").getBody()).contains("hub_messages_received_total")
            .contains("hub_connections{scope=\"instance\"}")
            .contains("hub_membership_lost_total");
    }

    @Test
    void metricsAreForAdminsAndHealthProbesForEveryone() {
        assertThat(get("/actuator/metrics", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/metrics", "alice").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/actuator/prometheus", "alice").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness" }) {
            ResponseEntity<String> health = get(probe, null);
            assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(JSON.readTree(health.getBody()).get("status").asString()).isEqualTo("UP");
            assertThat(JSON.readTree(health.getBody()).has("components")).isFalse();
        }
        JsonNode details = JSON.readTree(get("/actuator/health", "admin").getBody());
        assertThat(details.at("/components/broker/status").asString()).isEqualTo("UP");
        assertThat(details.at("/components/broker/details/instance").asString()).isEqualTo("single");
    }

    private double value(String metric) {
        JsonNode body = JSON.readTree(get("/actuator/metrics/" + metric, "admin").getBody());
        return body.at("/measurements/0/value").asDouble();
    }

    private ResponseEntity<String> get(String path, String user) {
        return RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build()
            .get()
            .uri(path)
            .headers((headers) -> {
                if (user != null) {
                    headers.setBearerAuth(Tokens.issue(this.port, user));
                }
            })
            .retrieve()
            .toEntity(String.class);
    }

}
