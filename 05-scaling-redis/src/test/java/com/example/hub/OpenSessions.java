package com.example.hub;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Test configuration that keeps track of the hub's open WebSocket sessions, so that a
 * test can close them from the server side, as a server restart would.
 */
@TestConfiguration(proxyBeanMethods = false)
class OpenSessions implements WebSocketMessageBrokerConfigurer {

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory((handler) -> new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                OpenSessions.this.sessions.add(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                OpenSessions.this.sessions.remove(session);
                super.afterConnectionClosed(session, status);
            }

        });
    }

    /** Closes every open session with close code 1012, "service restart". */
    void closeAll() throws IOException {
        for (WebSocketSession session : this.sessions) {
            session.close(CloseStatus.SERVICE_RESTARTED);
        }
    }

}
