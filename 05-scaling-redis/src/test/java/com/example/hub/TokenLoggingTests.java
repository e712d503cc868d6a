package com.example.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Captures everything the app logs, with Spring's logging at DEBUG and the WebSocket
 * support at TRACE, and Tomcat's request log switched on, while tokens travel in query
 * strings: accepted at the handshake, refused elsewhere, and invalid. No token value may
 * appear anywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "logging.level.org.springframework=DEBUG", "logging.level.org.springframework.web.socket=TRACE",
                "server.tomcat.basedir=target/tomcat-token-logging", "server.tomcat.accesslog.enabled=true",
                "server.tomcat.accesslog.buffered=false" })
@ExtendWith(OutputCaptureExtension.class)
class TokenLoggingTests {

    private static final Path ACCESS_LOGS = Path.of("target/tomcat-token-logging/logs");

    @LocalServerPort
    int port;

    @Test
    void accessTokensAppearInNoLogLine(CapturedOutput output) throws Exception {
        String token = Tokens.issue(this.port, "alice");
        String invalid = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtbWF0Y2g";

        WebSocket webSocket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + this.port + "/messages?access_token=" + token),
                    new WebSocket.Listener() {
                    })
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        webSocket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0", true).join();
        webSocket.sendText("SEND\ndestination:/app/sendMessageToAll\n\n{\"text\":\"hi\"}\0", true).join();
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        RestClient http = RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
        http.get().uri("/?access_token=" + token).retrieve().toBodilessEntity();
        http.get().uri("/messages?access_token=" + invalid).retrieve().toBodilessEntity();

        await().atMost(HubTestClient.TIMEOUT).until(() -> accessLog().contains("\"GET /messages HTTP/1.1\" 101"));
        assertThat(output.getAll()).contains("Securing GET /messages")
            .contains("StandardWebSocketSession")
            .doesNotContain(token)
            .doesNotContain(invalid);
        assertThat(accessLog()).doesNotContain(token).doesNotContain(invalid).doesNotContain("access_token");
    }

    private static String accessLog() throws IOException {
        if (!Files.isDirectory(ACCESS_LOGS)) {
            return "";
        }
        try (Stream<Path> files = Files.list(ACCESS_LOGS)) {
            return files.map((file) -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }).collect(Collectors.joining());
        }
    }

}
