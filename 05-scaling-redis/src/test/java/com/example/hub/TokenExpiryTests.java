package com.example.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tokens that live three seconds, a WebSocket opened with one is closed by the
 * server when the token expires, with close code 1008, while a client with a fresh token
 * is unaffected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "hub.token.lifetime=3s")
class TokenExpiryTests {

    @LocalServerPort
    int port;

    @Test
    void connectionClosesWhenItsTokenExpires() throws Exception {
        String token = Tokens.issue(this.port, "alice");
        Instant issued = Instant.now();
        CompletableFuture<String> closed = new CompletableFuture<>();

        WebSocket webSocket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(URI.create("ws://localhost:" + this.port + "/messages"), new WebSocket.Listener() {

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                    closed.complete(statusCode + " " + reason);
                    return null;
                }

            })
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        webSocket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true).join();

        assertThat(closed.get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .isEqualTo("1008 Access token expired");
        assertThat(Duration.between(issued, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void connectionWorksUntilItsTokenExpires() throws Exception {
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/topic/messages")) {
            alice.send("/app/sendMessageToAll", "{\"text\":\"still valid\"}");

            assertThat(alice.awaitReceived("/topic/messages", 1).get(0)).contains("still valid");
            assertThat(alice.isConnected()).isTrue();
        }
    }

}
