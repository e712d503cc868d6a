package com.example.production;

import java.time.Clock;
import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes a WebSocket connection once the access token it was opened with has expired, as
 * SignalR's {@code CloseOnAuthenticationExpiration} does. Without it, a connection opened
 * with a fifteen-minute token would stay open, and trusted, for days. The page then
 * reconnects with a fresh token. Checked every second: a connection outlives its token by
 * at most that.
 */
@Component
public class CloseOnTokenExpiry {

    /** Close code 1008, policy violation, with a reason the client can show. */
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("Access token expired");

    private final WebSocketSessions sessions;

    private final Clock clock;

    CloseOnTokenExpiry(WebSocketSessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000)
    void closeExpired() {
        Instant now = this.clock.instant();
        for (WebSocketSession session : this.sessions.open()) {
            if (session.getPrincipal() instanceof JwtAuthenticationToken authentication
                    && !now.isBefore(authentication.getToken().getExpiresAt())) {
                this.sessions.close(session.getId(), TOKEN_EXPIRED);
            }
        }
    }

}
