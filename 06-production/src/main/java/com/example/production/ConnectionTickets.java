package com.example.production;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Single-use tickets for opening the hub's WebSocket. A browser cannot set a header on a
 * WebSocket, so chapter 04's page puts its access token in the address, and a browser
 * prints the address of a WebSocket that fails to open in its console. Instead the page
 * trades its token for a ticket ({@code POST /token/ticket}, with the token in the
 * {@code Authorization} header) and opens {@code /messages?ticket=...}: a ticket opens
 * one connection within {@link #LIFETIME}, so an address seen anywhere holds nothing of
 * use.
 */
@RestController
public class ConnectionTickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    ConnectionTickets(Clock clock) {
        this.clock = clock;
    }

    @PostMapping("/token/ticket")
    ConnectionTicket issue(@AuthenticationPrincipal Jwt token) {
        Instant now = this.clock.instant();
        // Tickets nobody used are forgotten here: the map holds at most half a minute's.
        this.tickets.values().removeIf((ticket) -> !now.isBefore(ticket.expiresAt()));
        byte[] bytes = new byte[32];
        this.random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.tickets.put(ticket, new Ticket(token.getTokenValue(), now.plus(LIFETIME)));
        return new ConnectionTicket(ticket, LIFETIME.toSeconds());
    }

    /**
     * The access token a ticket stands for, once; {@code null} if unknown, used or
     * expired.
     */
    String redeem(String ticket) {
        Ticket redeemed = this.tickets.remove(ticket);
        return (redeemed != null && this.clock.instant().isBefore(redeemed.expiresAt())) ? redeemed.token() : null;
    }

    /** What the page gets: the ticket, and how many seconds it is good for. */
    record ConnectionTicket(String ticket, long expiresIn) {

    }

    private record Ticket(String token, Instant expiresAt) {

    }

}
