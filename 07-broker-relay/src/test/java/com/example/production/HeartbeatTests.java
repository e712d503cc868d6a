package com.example.production;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.AbruptClient;
import com.example.support.HubControls;
import com.example.support.HubTestClient;

import static org.awaitility.Awaitility.await;

/**
 * STOMP heartbeats between clients that offer them and the message broker, which the
 * relay passes them to and from: the broker sends them at the interval the client asks
 * for, and closes a connection that promised heartbeats and went silent for twice the
 * interval, as when the network drops and the TCP connection lingers without a word; the
 * hub then announces the connection as gone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class HeartbeatTests {

    @LocalServerPort
    int port;

    @Test
    void hubSendsHeartbeatsToAClientThatWantsThem() throws Exception {
        AbruptClient quiet = AbruptClient.connectWithHeartbeats(this.port, "alice", "0,500");
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
