package com.example.hub;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Closes a WebSocket connection when the access token it was opened with expires, as
 * SignalR's {@code CloseOnAuthenticationExpiration} does. Without it, a connection opened
 * with a fifteen-minute token would stay open, and trusted, for days. The page then
 * reconnects with a fresh token.
 */
@Component
class CloseOnTokenExpiry implements WebSocketHandlerDecoratorFactory {

    /** Close code 1008, policy violation, with a reason the client can show. */
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("Access token expired");

    private static final Logger logger = LoggerFactory.getLogger(CloseOnTokenExpiry.class);

    private final TaskScheduler scheduler;

    private final Map<String, ScheduledFuture<?>> closings = new ConcurrentHashMap<>();

    // Lazy: the scheduler comes from the messaging setup that this class is part of.
    CloseOnTokenExpiry(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                if (session.getPrincipal() instanceof AbstractOAuth2TokenAuthenticationToken<?> authentication
                        && authentication.getToken().getExpiresAt() != null) {
                    Instant expiresAt = authentication.getToken().getExpiresAt();
                    CloseOnTokenExpiry.this.closings.put(session.getId(),
                            CloseOnTokenExpiry.this.scheduler.schedule(() -> close(session), expiresAt));
                    // Already closed (the token expired meanwhile): nothing will remove
                    // it.
                    if (!session.isOpen()) {
                        CloseOnTokenExpiry.this.closings.remove(session.getId());
                    }
                }
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                ScheduledFuture<?> closing = CloseOnTokenExpiry.this.closings.remove(session.getId());
                if (closing != null) {
                    closing.cancel(false);
                }
                super.afterConnectionClosed(session, status);
            }

        };
    }

    private static void close(WebSocketSession session) {
        try {
            session.close(TOKEN_EXPIRED);
        }
        catch (Exception ex) {
            logger.debug("Could not close connection {} whose token expired", session.getId(), ex);
        }
    }

}
