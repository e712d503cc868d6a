package com.example.broker;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.TestBroker;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on a broker of their own, and that broker stopped in the middle of the
 * test. Without the broker no instance can deliver anything, not even to its own
 * connections: every client gets a STOMP ERROR frame and its connection closes; a new
 * connection is refused the same way; an announcement is refused with 503; each instance
 * says so once in its log and on its health endpoint, and is not ready for traffic. What
 * is sent while the broker is down is lost, and its sender is told. Once the broker is
 * back, the instances reconnect by themselves, clients connect again, and every message
 * reaches every client once.
 */
class BrokerOutageTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    static TestBroker broker;

    static HubInstance a;

    static HubInstance b;

    @BeforeAll
    static void startInstances() {
        broker = TestBroker.start();
        a = HubInstance.start("outage-a", broker, "hub.cluster.presence-interval=1s");
        b = HubInstance.start("outage-b", broker, "hub.cluster.presence-interval=1s");
    }

    @AfterAll
    static void stopInstances() {
        a.close();
        b.close();
        broker.close();
    }

    @Test
    void clientsAreToldAndNothingIsDeliveredTwiceAcrossAnOutage() throws Exception {
        try (CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.INFO)) {
            HubTestClient aliceOnA = HubTestClient.connect(a.port(), "alice", "/topic/messages");
            HubTestClient bobOnB = HubTestClient.connect(b.port(), "bob", "/topic/messages");
            aliceOnA.send("/app/sendMessageToAll", "{\"text\":\"before\"}");
            bobOnB.awaitReceived("/topic/messages", 1);

            // What the instructor notes promise the terminal shows while the broker is
            // down: one line per instance (the membership channel's, counted below), and
            // else only Spring's relay's ERROR for a message on its way as the broker
            // went.
            try (CapturedLog everythingElse = CapturedLog.everything(Level.WARN)) {
                broker.stop();

                for (HubTestClient client : List.of(aliceOnA, bobOnB)) {
                    await().atMost(HubTestClient.TIMEOUT).until(() -> !client.isConnected());
                    // Spring closes a client's WebSocket right after the relay's ERROR,
                    // and its session decorator drops a frame still queued behind a send
                    // under way then, such as the statistics: the ERROR is usually there,
                    // and what a page hears on its next try, below, tells the user in
                    // any case.
                    assertThat(client.errorFrames()).isSubsetOf("Connection to broker closed.");
                }
                for (HubInstance instance : List.of(a, b)) {
                    await().atMost(HubTestClient.TIMEOUT)
                        .until(() -> instance.health().at("/components/broker/status").asString().equals("DOWN"));
                    // Not ready: a load balancer sends no new clients to an instance that
                    // cannot serve them.
                    assertThat(readiness(instance)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                }
                assertThat(refusedConnection(a)).startsWith("ERROR\nmessage:Broker not available.");
                for (int i = 0; i < 5; i++) {
                    ResponseEntity<String> refused = announce(a, "lost " + i);
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(refused.getBody()).contains("The message broker is unreachable: nothing was sent.");
                }
                assertThat(announceWithTheForm(b, "lost by form")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(outageLines(log, "outage-a")).isEqualTo(1);
                assertThat(outageLines(log, "outage-b")).isEqualTo(1);
                assertThat(everythingElse.lines()).allMatch((line) -> line.startsWith("ERROR Failed to forward "));
            }

            broker.restart();

            // The relay tries the broker again every five seconds.
            for (HubInstance instance : List.of(a, b)) {
                await().atMost(HubTestClient.TIMEOUT)
                    .until(() -> instance.health().at("/components/broker/status").asString().equals("UP"));
                assertThat(readiness(instance)).isEqualTo(HttpStatus.OK);
            }
            assertThat(log.lines()).anySatisfy((line) -> assertThat(line).endsWith("is reachable from outage-a."))
                .anySatisfy((line) -> assertThat(line).endsWith("is reachable from outage-b."));
            HubTestClient carolOnA = HubTestClient.connect(a.port(), "carol", "/topic/messages");
            HubTestClient adminOnB = HubTestClient.connect(b.port(), "admin", "/topic/messages");
            for (int i = 0; i < 20; i++) {
                carolOnA.send("/app/sendMessageToAll", "{\"text\":\"after " + i + "\"}");
            }
            List<String> expected = IntStream.range(0, 20).mapToObj((i) -> "after " + i).toList();
            for (HubTestClient client : List.of(carolOnA, adminOnB)) {
                assertThat(texts(client.awaitReceived("/topic/messages", 20))).containsExactlyElementsOf(expected);
            }
            HubTestClient.settle(carolOnA, List.of(carolOnA, adminOnB));
            for (HubTestClient client : List.of(carolOnA, adminOnB)) {
                assertThat(texts(client.received("/topic/messages"))).containsExactlyElementsOf(expected);
            }
            // The connections that the outage closed are gone from both lists.
            for (HubInstance instance : List.of(a, b)) {
                await().atMost(HubTestClient.TIMEOUT)
                    .untilAsserted(() -> assertThat(instance.bean(ConnectionRegistry.class).connections())
                        .extracting(ConnectionInfo::user)
                        .containsExactlyInAnyOrder("admin", "carol"));
            }
            carolOnA.close();
            adminOnB.close();
        }
    }

    /**
     * An instance whose broker is not there when it starts: not ready, and it says so,
     * once; ready as soon as the broker is there.
     */
    @Test
    void instanceStartedWithoutItsBrokerIsNotReadyUntilTheBrokerIsThere() {
        try (TestBroker absent = TestBroker.start();
                CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.INFO)) {
            absent.stop();
            try (HubInstance lonely = HubInstance.start("lonely", absent, "hub.cluster.presence-interval=200ms")) {
                assertThat(lonely.health().at("/components/broker/status").asString()).isEqualTo("DOWN");
                assertThat(readiness(lonely)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                await().atMost(HubTestClient.TIMEOUT).until(() -> outageLines(log, "lonely") == 1);

                absent.restart();

                await().atMost(HubTestClient.TIMEOUT).until(() -> readiness(lonely).equals(HttpStatus.OK));
                assertThat(outageLines(log, "lonely")).isEqualTo(1);
            }
        }
    }

    /** What a new connection gets while the broker is down: its first frame. */
    private static String refusedConnection(HubInstance instance) throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(instance.port(), Tokens.issue(instance.port(), "carol"))) {
            socket.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            String first = socket.nextText();
            assertThat(socket.nextText()).as("the server's close").isNull();
            return first;
        }
    }

    private static HttpStatusCode readiness(HubInstance instance) {
        return instance.http().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode();
    }

    private static HttpStatusCode announceWithTheForm(HubInstance instance, String text) {
        return instance.http()
            .post()
            .uri("/announcement")
            .headers((headers) -> headers.setBearerAuth(Tokens.issue(instance.port(), "admin")))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("text=" + text.replace(' ', '+'))
            .retrieve()
            .toBodilessEntity()
            .getStatusCode();
    }

    private static ResponseEntity<String> announce(HubInstance instance, String text) {
        return instance.http()
            .post()
            .uri("/api/announcements")
            .headers((headers) -> headers.setBearerAuth(Tokens.issue(instance.port(), "admin")))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"text\":\"" + text + "\"}")
            .retrieve()
            .toEntity(String.class);
    }

    private static long outageLines(CapturedLog log, String instance) {
        return log.lines()
            .stream()
            .filter((line) -> line.contains("message broker is unreachable from " + instance))
            .count();
    }

    private static List<String> texts(List<String> bodies) {
        return bodies.stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

}
