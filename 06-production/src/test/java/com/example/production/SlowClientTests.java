package com.example.production;

import java.io.IOException;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.ConnectionRegistry;
import com.example.hub.SendMessageRequest;
import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that subscribes and then stops reading, as a frozen tab or a stalled network
 * does, while another client sends megabytes: the hub cuts the stalled one off, and
 * everyone else receives every message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class SlowClientTests {

    /** Enough to fill the stalled client's buffers on loopback several times over. */
    private static final int MESSAGES = 2500;

    /** About 200 KB of messages. */
    private static final int BATCH = 50;

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    RawWebSocket stalledClient;

    @AfterEach
    void closeStalledClient() throws IOException {
        this.stalledClient.close();
    }

    @Test
    void clientThatStopsReadingIsCutOffAndTheOthersGetEverything() throws Exception {
        String stalled = connectAndStopReading();
        try (CapturedLog log = CapturedLog.of(SubProtocolWebSocketHandler.class, Level.WARN);
                HubTestClient alice = HubTestClient.connect(this.port, "alice", "/topic/messages");
                HubTestClient bob = HubTestClient.connect(this.port, "bob")) {
            String text = "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH);

            // In batches, each received by alice before the next is sent: she keeps up as
            // a
            // healthy client does however busy the machine is (a batch is well under the
            // hub's 512 KB send buffer), while the stalled client's share piles up.
            for (int sent = 0; sent < MESSAGES; sent += BATCH) {
                for (int i = 0; i < BATCH; i++) {
                    bob.send("/app/sendMessageToAll", "{\"text\":\"" + text + "\"}");
                }
                int expected = sent + BATCH;
                await().atMost(HubTestClient.TIMEOUT).until(() -> alice.received("/topic/messages").size() == expected);
            }
            await().atMost(HubTestClient.TIMEOUT).until(() -> !this.registry.contains(stalled));
            assertThat(alice.isConnected()).isTrue();
            assertThat(log.lines()).isNotEmpty()
                .allSatisfy((line) -> assertThat(line).contains("Terminating", stalled, "the allowed limit"));
        }
    }

    /**
     * Connects on a socket with a small receive buffer, subscribes, reads the connection
     * id, and then reads nothing more. (The JDK's WebSocket client goes on reading into
     * memory of its own when its listener stops asking for frames: its server's writes
     * never stall.)
     */
    private String connectAndStopReading() throws Exception {
        this.stalledClient = RawWebSocket.openWithSmallReceiveBuffer(this.port, Tokens.issue(this.port, "carol"));
        this.stalledClient.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
        assertThat(this.stalledClient.nextText()).startsWith("CONNECTED");
        // The hub handles a connection's frames in order: the subscription is in place
        // before the connection id comes back.
        this.stalledClient.sendFrame("SUBSCRIBE\nid:0\ndestination:/topic/messages\n\n");
        this.stalledClient.sendFrame("SUBSCRIBE\nid:1\ndestination:/app/connectionId\n\n");
        String reply = this.stalledClient.nextText();
        String body = reply.substring(reply.indexOf("{"), reply.lastIndexOf("}") + 1);
        return JsonMapper.shared().readTree(body).get("connectionId").asString();
    }

}
