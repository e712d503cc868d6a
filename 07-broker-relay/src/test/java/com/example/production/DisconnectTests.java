package com.example.production;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.hub.ConnectionRegistry;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that says DISCONNECT and asks for a receipt, on a raw WebSocket: it gets the
 * RECEIPT, and then the server closes the connection, so that nothing it sends later is
 * handled as its user.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class DisconnectTests {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Test
    void disconnectWithAReceiptIsAnsweredAndThenTheConnectionCloses() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(this.port, Tokens.issue(this.port, "alice"))) {
            client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(client.nextText()).startsWith("CONNECTED");

            client.sendFrame("DISCONNECT\nreceipt:bye\n\n");

            assertThat(client.nextText()).startsWith("RECEIPT\nreceipt-id:bye");
            // The hub answers, and so may the message broker, which the relay passed the
            // DISCONNECT on to: its RECEIPT, and the relay's word that the broker closed
            // the link, until the hub's close.
            for (String frame = client.nextText(); frame != null; frame = client.nextText()) {
                assertThat(frame).as("a frame before the server's close")
                    .matches("(?s)(RECEIPT\nreceipt-id:bye|ERROR\nmessage:Connection to broker closed\\.)\n.*");
            }
        }
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.registry.count() == 0);
    }

}
