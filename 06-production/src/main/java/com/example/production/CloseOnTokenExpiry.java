package com.example.production;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes a WebSocket connection once the access token it was opened with has expired, as
 * SignalR's {@code CloseOnAuthenticationExpiration} does. Without it, a connection opened
 * with a fifteen-minute token would stay open, and trusted, for days. A page that
 * refreshes its token names its connection, and the connection then lives as long as the
 * fresh token: no reconnect, so no message and no group is lost. Checked every second: a
 * connection outlives its token by at most that.
 */
@Component
public class CloseOnTokenExpiry {

    /** Close code 1008, policy violation, with a reason the client can show. */
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("Access token expired");

    private final WebSocketSessions sessions;

    private final Clock clock;

    /** Connections whose page refreshed its token, and until when that token lives. */
    private final Map<String, Instant> keptOpenUntil = new ConcurrentHashMap<>();

    CloseOnTokenExpiry(WebSocketSessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Lets an open connection live until a refreshed token expires. Only a connection of
     * the same user, opened with the same roles: the connection goes on with the roles it
     * was opened with, so after a change of roles it closes at its first token's expiry,
     * and the page reconnects with the new ones.
     */
    public void keepOpen(String connectionId, String user, List<String> roles, Instant until) {
        WebSocketSession session = this.sessions.get(connectionId);
        if (session == null || !(session.getPrincipal() instanceof JwtAuthenticationToken authentication)
                || !authentication.getName().equals(user)
                || !Objects.equals(authentication.getToken().getClaimAsStringList("roles"), roles)) {
            return;
        }
        this.keptOpenUntil.merge(connectionId, until, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    @Scheduled(fixedDelay = 1000)
    void closeExpired() {
        Instant now = this.clock.instant();
        this.keptOpenUntil.keySet().removeIf((connectionId) -> !this.sessions.isOpen(connectionId));
        for (WebSocketSession session : this.sessions.open()) {
            if (session.getPrincipal() instanceof JwtAuthenticationToken authentication
                    && !now.isBefore(endOf(session.getId(), authentication))) {
                this.sessions.close(session.getId(), TOKEN_EXPIRED);
            }
        }
    }

    /** When the connection's token expires, or the refreshed token that keeps it open. */
    private Instant endOf(String connectionId, JwtAuthenticationToken authentication) {
        return this.keptOpenUntil.getOrDefault(connectionId, authentication.getToken().getExpiresAt());
    }

}
