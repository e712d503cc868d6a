package com.example.production;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

import com.example.support.HubControls;
import com.example.support.MutableClock;
import com.example.support.RawHttp;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tickets, over real HTTP and WebSockets: a ticket opens one connection as the
 * user whose token bought it, once, within thirty seconds; the test moves the app's clock
 * instead of waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ConnectionTicketTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        this.clock.reset();
    }

    @Test
    void ticketOpensOneConnectionAsItsUserOnce() throws Exception {
        String ticket = ticket(Tokens.fresh(this.port, "alice"));

        try (RawWebSocket client = RawWebSocket.openWithTicket(this.port, ticket)) {
            client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(client.nextText()).startsWith("CONNECTED").contains("user-name:alice");
        }
        assertThat(RawHttp.status(this.port, "GET /messages?ticket=" + ticket)).isEqualTo(401);
    }

    @Test
    void ticketExpiresAfterThirtySeconds() {
        String ticket = ticket(Tokens.fresh(this.port, "alice"));

        this.clock.advance(Duration.ofSeconds(31));

        assertThat(RawHttp.status(this.port, "GET /messages?ticket=" + ticket)).isEqualTo(401);
    }

    @Test
    void madeUpOrEmptyTicketsOpenNothingAndOnlyATokenBuysOne() {
        assertThat(RawHttp.status(this.port, "GET /messages?ticket=made-up")).isEqualTo(401);
        assertThat(RawHttp.status(this.port, "GET /messages?ticket=")).isEqualTo(401);
        assertThat(RawHttp.status(this.port, "POST /token/ticket")).isEqualTo(401);
    }

    private String ticket(String token) {
        String body = RestClient.create("http://localhost:" + this.port)
            .post()
            .uri("/token/ticket")
            .headers((headers) -> headers.setBearerAuth(token))
            .retrieve()
            .body(String.class);
        return JsonMapper.shared().readTree(body).get("ticket").asString();
    }

}
