package com.example.production;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import com.example.support.AbruptClient;
import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.MutableClock;
import com.example.support.RawHttp;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections whose access token expires, over real WebSockets: the test moves the app's
 * clock past the token's expiry instead of waiting for it, and the hub closes the
 * connection within its one-second check.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class TokenExpiryTests {

    /** Past the 15 minutes a token lives. */
    private static final Duration LATER = Duration.ofMinutes(16);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JwtEncoder encoder;

    @AfterEach
    void resetClock() {
        this.clock.reset();
    }

    @Test
    void connectionWorksUntilItsTokenExpiresThenClosesWithPolicyViolation() throws Exception {
        AbruptClient alice = AbruptClient.connectWithToken(this.port, Tokens.fresh(this.port, "alice"));
        // Bob's token lives longer than the time the test skips.
        try (HubTestClient bob = HubTestClient.connectWithToken(this.port,
                Tokens.signed(this.encoder, "bob", Duration.ofHours(1)), "/topic/connections")) {
            alice.joinGroup("tea");
            assertThat(alice.closeStatus()).isNull();

            this.clock.advance(LATER);

            await().atMost(HubTestClient.TIMEOUT).until(() -> "1008 Access token expired".equals(alice.closeStatus()));
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> bob.received("/topic/connections")
                    .stream()
                    .anyMatch((event) -> event.contains("\"disconnected\"") && event.contains(alice.connectionId())));
        }
    }

    /**
     * A refresh that names the caller's connection keeps it open until the fresh token
     * expires, and no longer; a refresh by someone else naming it does not keep it.
     */
    @Test
    void refreshNamingTheConnectionKeepsItOpenAsLongAsTheFreshToken() throws Exception {
        String aliceToken = Tokens.fresh(this.port, "alice");
        AbruptClient alice = AbruptClient.connectWithToken(this.port, aliceToken);
        AbruptClient carol = AbruptClient.connectWithToken(this.port, Tokens.fresh(this.port, "carol"));

        this.clock.advance(Duration.ofMinutes(10));
        assertThat(refresh(aliceToken, alice.connectionId())).isEqualTo(200);
        assertThat(refresh(Tokens.fresh(this.port, "bob"), carol.connectionId())).isEqualTo(200);
        this.clock.advance(Duration.ofMinutes(6));

        // Both first tokens have expired: carol's connection closes, alice's lives on,
        // until 25 minutes, when the token her refresh got expires.
        await().atMost(HubTestClient.TIMEOUT).until(() -> "1008 Access token expired".equals(carol.closeStatus()));
        assertThat(alice.closeStatus()).isNull();
        this.clock.advance(Duration.ofMinutes(10));
        await().atMost(HubTestClient.TIMEOUT).until(() -> "1008 Access token expired".equals(alice.closeStatus()));
    }

    /**
     * A page that sends just as its token expires: the frame reaches the server after it
     * closed the connection. It is dropped, and Spring does not log the ordinary close as
     * an ERROR with a stack trace ("No decoder for session id").
     */
    @Test
    void frameArrivingAfterTheExpiryCloseIsDroppedWithoutAnError() throws Exception {
        try (CapturedLog errors = CapturedLog.of(StompSubProtocolHandler.class, Level.ERROR);
                RawWebSocket client = RawWebSocket.open(this.port, Tokens.fresh(this.port, "alice"))) {
            client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(client.nextText()).startsWith("CONNECTED");

            this.clock.advance(LATER);
            assertThat(client.nextText()).as("the server's close").isNull();
            client.sendFrame("SEND\ndestination:/app/sendMessageToAll\ncontent-type:application/json\n\n"
                    + "{\"text\":\"just too late\"}");
            client.sendClose();

            // The server answers our close and lets go only after handling the late
            // frame.
            assertThat(client.readUntilServerLetsGo()).isEmpty();
            assertThat(errors.lines()).isEmpty();
        }
    }

    private int refresh(String token, String connectionId) {
        return RestClient.create("http://localhost:" + this.port)
            .post()
            .uri("/token/refresh")
            .headers((headers) -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("connectionId=" + connectionId)
            .exchange((request, response) -> response.getStatusCode().value());
    }

    @Test
    void tokenThatExpiredBeforeTheHandshakeOpensNothing() throws Exception {
        String token = Tokens.fresh(this.port, "alice");

        this.clock.advance(LATER);

        assertThat(RawHttp.status(this.port, "GET /messages?access_token=" + token)).isEqualTo(401);
    }

}
