package com.example.hub;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.awaitility.Awaitility.await;

/**
 * Heartbeats, with the interval shortened to half a second: the hub sends them to a
 * client that asks for them, and closes a connection that promised them and fell silent,
 * as when the network drops and the TCP connection lingers without a word.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "hub.heartbeat-interval=500ms")
class HeartbeatTests {

    @LocalServerPort
    int port;

    @Test
    void hubSendsHeartbeatsToAClientThatWantsThem() throws Exception {
        AbruptClient quiet = AbruptClient.connectWithHeartbeats(this.port, "bob", "0,500");
        try {
            await().atMost(HubTestClient.TIMEOUT).until(() -> quiet.heartbeatsReceived() >= 3);
        }
        finally {
            quiet.vanish();
        }
    }

    @Test
    void silentConnectionIsClosedAndAnnouncedAsGone() throws Exception {
        try (HubTestClient observer = HubTestClient.connect(this.port, "alice", "/topic/connections")) {
            AbruptClient silent = AbruptClient.connectWithHeartbeats(this.port, "bob", "500,0");
            String id = silent.connectionId();

            // It sends nothing more and keeps its TCP connection open.
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> observer.received("/topic/connections")
                    .stream()
                    .anyMatch((event) -> event.contains("\"disconnected\"") && event.contains(id)));
        }
    }

}
