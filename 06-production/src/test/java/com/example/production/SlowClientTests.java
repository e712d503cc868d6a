package com.example.production;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
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

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Test
    void clientThatStopsReadingIsCutOffAndTheOthersGetEverything() throws Exception {
        String stalled = connectAndStopReading();
        try (CapturedLog log = CapturedLog.of(SubProtocolWebSocketHandler.class, Level.WARN);
                HubTestClient alice = HubTestClient.connect(this.port, "alice", "/topic/messages");
                HubTestClient bob = HubTestClient.connect(this.port, "bob")) {
            String text = "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH);

            for (int i = 0; i < MESSAGES; i++) {
                bob.send("/app/sendMessageToAll", "{\"text\":\"" + text + "\"}");
            }

            await().atMost(HubTestClient.TIMEOUT.multipliedBy(3))
                .until(() -> alice.received("/topic/messages").size() == MESSAGES);
            await().atMost(HubTestClient.TIMEOUT).until(() -> !this.registry.contains(stalled));
            assertThat(alice.isConnected()).isTrue();
            assertThat(log.lines()).isNotEmpty()
                .allSatisfy((line) -> assertThat(line).contains("Terminating", stalled, "the allowed limit"));
        }
    }

    /** Connects, subscribes, reads the connection id, and then reads nothing more. */
    private String connectAndStopReading() throws Exception {
        StringBuilder first = new StringBuilder();
        WebSocket webSocket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + Tokens.issue(this.port, "carol"))
            .buildAsync(URI.create("ws://localhost:" + this.port + "/messages"), new WebSocket.Listener() {

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    first.append(data);
                    // Asks for the next frame only until the connection id has come.
                    if (!first.toString().contains("connectionId")) {
                        webSocket.request(1);
                    }
                    return null;
                }

            })
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        webSocket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0", true).join();
        webSocket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/messages\n\n\0", true).join();
        webSocket.sendText("SUBSCRIBE\nid:1\ndestination:/app/connectionId\n\n\0", true).join();
        await().atMost(HubTestClient.TIMEOUT).until(() -> first.toString().contains("connectionId"));
        String body = first.substring(first.indexOf("{"), first.lastIndexOf("}") + 1);
        return JsonMapper.shared().readTree(body).get("connectionId").asString();
    }

}
