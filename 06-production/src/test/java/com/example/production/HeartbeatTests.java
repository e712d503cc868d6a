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
 * STOMP heartbeats between the hub and clients that offer them, with the interval the
 * tests set to half a second: the hub sends them, and closes a connection that offered
 * heartbeats and then went silent, as when the network drops and the TCP connection
 * lingers without a word.
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
