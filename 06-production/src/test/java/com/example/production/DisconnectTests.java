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
            assertThat(client.nextText()).as("the server's close").isNull();
        }
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.registry.count() == 0);
    }

}
