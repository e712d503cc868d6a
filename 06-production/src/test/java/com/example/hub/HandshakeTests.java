package com.example.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.HashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.example.support.HubControls;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestRedis;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Opens real WebSocket handshakes with the JDK's client, with a valid access token, from
 * pages of different origins: only the app's own pages (or a client that sends no
 * {@code Origin}, which is no browser) may connect, and a malformed origin, or one with
 * more than a scheme, a host and a port, is a 403, never a server error.
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
            a user part before this host       | http://evil@localhost:{port}         | 403
            spaces, which HTTP removes         | '  http://localhost:{port} '         | 101
            a path                             | http://localhost:{port}/chat         | 403
            a query                            | http://localhost:{port}?x            | 403
            a fragment                         | http://localhost:{port}#x            | 403
            an opaque origin                   | null                                 | 403
            """)
    void onlyPagesOfThisAppMayConnect(String kind, String origin, int status) {
        assertThat(handshakeStatus(this.port,
                (origin != null) ? origin.replace("{port}", String.valueOf(this.port)) : null))
            .isEqualTo(status);
    }

    /**
     * Pages served from elsewhere, such as a CDN, may connect once their origin is
     * listed.
     */
    @Test
    void originsInTheAllowedListMayConnectToo() {
        try (TestRedis redis = TestRedis.start();
                HubInstance app = HubInstance.start("origins", redis,
                        "hub.websocket.allowed-origins=https://chat.example.com,https://*.example.org")) {
            assertThat(handshakeStatus(app.port(), "https://chat.example.com")).isEqualTo(101);
            assertThat(handshakeStatus(app.port(), "https://rooms.example.org")).isEqualTo(101);
            assertThat(handshakeStatus(app.port(), "http://localhost:" + app.port())).isEqualTo(101);
            assertThat(handshakeStatus(app.port(), "https://evil.example")).isEqualTo(403);
        }
    }

    /**
     * HTTP removes the spaces around a header's value, so only a server or proxy that
     * kept them could pass them on: the check refuses them too.
     */
    @ParameterizedTest
    @ValueSource(strings = { " http://localhost:8080", "http://localhost:8080 " })
    void originWithSpacesIsRefusedByTheCheckItself(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/messages");
        request.addHeader("Origin", origin);
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean proceeds = new OriginHeaderCheck().beforeHandshake(new ServletServerHttpRequest(request),
                new ServletServerHttpResponse(response), null, new HashMap<>());
        assertThat(proceeds).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    /**
     * 101 if the WebSocket opened (and is closed again at once), else the HTTP status.
     */
    private static int handshakeStatus(int port, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + Tokens.issue(port, "alice"));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        Throwable failure = catchThrowable(
                () -> builder.buildAsync(URI.create("ws://localhost:" + port + "/messages"), new WebSocket.Listener() {
                }).get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).abort());
        if (failure == null) {
            return 101;
        }
        Throwable cause = (failure instanceof CompletionException || failure.getCause() != null) ? failure.getCause()
                : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

}
