package com.example.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Opens real WebSocket handshakes with the JDK's client, with a valid access token, from
 * pages of different origins: only the app's own pages (or a client that sends no
 * {@code Origin}, which is no browser) may connect, and a malformed origin is a 403,
 * never a server error.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class HandshakeTests {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Origin                          |                                      | 101
            this app                           | http://localhost:{port}              | 101
            another site                       | http://evil.example                  | 403
            another port                       | http://localhost:1                   | 403
            this host as a subdomain           | http://localhost:{port}.evil.example | 403
            a port that is not a number        | http://localhost:x                   | 403
            a user part                        | http://evil.example\\@localhost:{port} | 403
            """)
    void onlyPagesOfThisAppMayConnect(String kind, String origin, int status) {
        assertThat(handshakeStatus((origin != null) ? origin.replace("{port}", String.valueOf(this.port)) : null))
            .isEqualTo(status);
    }

    /**
     * 101 if the WebSocket opened (and is closed again at once), else the HTTP status.
     */
    private int handshakeStatus(String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + Tokens.issue(this.port, "alice"));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        Throwable failure = catchThrowable(() -> builder
            .buildAsync(URI.create("ws://localhost:" + this.port + "/messages"), new WebSocket.Listener() {
            })
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .abort());
        if (failure == null) {
            return 101;
        }
        Throwable cause = (failure instanceof CompletionException || failure.getCause() != null) ? failure.getCause()
                : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

}
