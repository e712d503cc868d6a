package com.example.broker;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's link to the broker for each client ends with the client, also when the
 * client leaves before the broker has answered the relay's CONNECT: a client that only
 * comes and goes at once leaves no link behind.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class BrokerLinkTests {

    @LocalServerPort
    int port;

    @Autowired
    StompBrokerRelayMessageHandler relay;

    @Test
    void clientThatLeavesAtOnceLeavesNoLinkToTheBroker() throws IOException {
        // The relay's system connection, and any client link still closing.
        int before = this.relay.getConnectionCount();
        String token = Tokens.issue(this.port, "alice");
        for (int i = 0; i < 20; i++) {
            try (RawWebSocket client = RawWebSocket.open(this.port, token)) {
                client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
                client.sendFrame("DISCONNECT\nreceipt:bye\n\n");
                client.sendClose();
            }
        }
        await().atMost(HubTestClient.TIMEOUT)
            .untilAsserted(() -> assertThat(this.relay.getConnectionCount()).isLessThanOrEqualTo(before));
    }

    @Test
    void clientThatClosesAtOnceLeavesNoLinkToTheBroker() throws IOException {
        int before = this.relay.getConnectionCount();
        String token = Tokens.issue(this.port, "alice");
        for (int i = 0; i < 20; i++) {
            try (RawWebSocket client = RawWebSocket.open(this.port, token)) {
                client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
                client.sendClose();
            }
        }
        await().atMost(HubTestClient.TIMEOUT)
            .untilAsserted(() -> assertThat(this.relay.getConnectionCount()).isLessThanOrEqualTo(before));
    }

}
