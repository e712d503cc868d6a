package com.example.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawHttp;
import com.example.support.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Captures everything every logger of the app writes, down to TRACE, while passwords and
 * tokens travel every way they can: logins, a wrong login, tokens in the handshake's
 * address and in its header, a refresh, an announcement, a token in a page's address and
 * an invalid one. No password and no token may appear in any log line, nor in Tomcat's
 * request log, which the tests switch on. The test talks over raw sockets, which log
 * nothing, so every line it sees is the app's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class TokenLoggingTests {

    private static final Path ACCESS_LOGS = Path.of("target/tomcat/logs");

    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    private static final String INVALID = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLW5vdC1taW5l";

    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Test
    void passwordsAndTokensAppearInNoLogLineAtAnyLevel() throws Exception {
        List<String> lines;
        List<String> tokens;
        try (CapturedLog log = CapturedLog.everything()) {
            String alice = token(
                    RawHttp.exchange(this.port, "POST /token", List.of(FORM), "username=alice&password=wonderland"));
            String admin = token(
                    RawHttp.exchange(this.port, "POST /token", List.of(FORM), "username=admin&password=letmein"));
            RawHttp.exchange(this.port, "POST /token", List.of(FORM), "username=bob&password=not-bobs-password");
            try (RawWebSocket page = RawWebSocket.openWithTokenInAddress(this.port, alice)) {
                chatAndLeave(page);
            }
            try (RawWebSocket client = RawWebSocket.open(this.port, admin)) {
                chatAndLeave(client);
            }
            String refreshed = token(RawHttp.exchange(this.port, "POST /token/refresh",
                    List.of("Authorization: Bearer " + alice), null));
            RawHttp.exchange(this.port, "POST /api/announcements",
                    List.of("Authorization: Bearer " + admin, "Content-Type: application/json"),
                    "{\"text\":\"logged?\"}");
            RawHttp.status(this.port, "GET /?access_token=" + alice);
            RawHttp.status(this.port, "GET /messages?access_token=" + INVALID);
            await().atMost(HubTestClient.TIMEOUT).until(() -> accessLog().contains("\"GET /messages HTTP/1.1\" 101"));
            lines = log.lines();
            tokens = List.of(alice, admin, refreshed, INVALID);
        }

        // TRACE was on: the handshake and the token response were logged, without tokens.
        assertThat(lines).anySatisfy((line) -> assertThat(line).contains("Securing GET /messages"))
            .anySatisfy((line) -> assertThat(line).contains("TokenResponse[access_token=…"));
        for (String token : tokens) {
            assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(signature(token)));
            assertThat(accessLog()).doesNotContain(signature(token));
        }
        for (String password : List.of("wonderland", "letmein", "not-bobs-password")) {
            assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(password));
        }
        assertThat(accessLog()).doesNotContain("access_token").doesNotContain("password");
    }

    private static void chatAndLeave(RawWebSocket client) throws IOException {
        client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
        assertThat(client.nextText()).startsWith("CONNECTED");
        client.sendFrame("SEND\ndestination:/app/sendMessageToAll\ncontent-type:application/json\n\n{\"text\":\"hi\"}");
        client.sendFrame("DISCONNECT\nreceipt:bye\n\n");
        client.readUntilServerLetsGo();
    }

    private static String token(String answer) {
        Matcher token = TOKEN.matcher(answer);
        assertThat(token.find()).as("a token in %s", answer).isTrue();
        return token.group(1);
    }

    /** A token's signature: no other log line can contain it by chance. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
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
