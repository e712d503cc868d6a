package com.example.production;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * This instance's open WebSocket sessions, so that the hub can close one from the server
 * side. When the server closes a session, Tomcat goes on delivering the frames the client
 * sent before it heard, even while Spring tears the session down: they are dropped, where
 * Spring would log each at ERROR ("No decoder for session id", "Unknown session"). It
 * registers itself as a decorator of every connection; the order among the decorators
 * does not matter, as it only drops what arrives for a closed connection.
 */
@Component
public class WebSocketSessions implements WebSocketHandlerDecoratorFactory, WebSocketMessageBrokerConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(WebSocketSessions.class);

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(this);
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                WebSocketSessions.this.open.put(session.getId(), session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                if (!WebSocketSessions.this.open.containsKey(session.getId())) {
                    logger.debug("Dropped a frame that session {} sent after it was closed", session.getId());
                    return;
                }
                super.handleMessage(session, message);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                WebSocketSessions.this.open.remove(session.getId());
                super.afterConnectionClosed(session, status);
            }

        };
    }

    Collection<WebSocketSession> open() {
        return List.copyOf(this.open.values());
    }

    int count() {
        return this.open.size();
    }

    /** The open session with this id, or {@code null}. */
    WebSocketSession get(String sessionId) {
        return this.open.get(sessionId);
    }

    public boolean isOpen(String sessionId) {
        return this.open.containsKey(sessionId);
    }

    /**
     * Closes the session, if it is still open, with the given status. It leaves the open
     * sessions first, so that no frame is handled while Spring ends it.
     */
    void close(String sessionId, CloseStatus status) {
        WebSocketSession session = this.open.remove(sessionId);
        if (session == null) {
            return;
        }
        try {
            session.close(status);
        }
        catch (IOException ex) {
            logger.debug("Could not close session {}", sessionId, ex);
        }
    }

}
