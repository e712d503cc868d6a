package com.example.support;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import static org.awaitility.Awaitility.await;

/**
 * Test configuration that gives tests a hand on the server's connections: it closes every
 * open connection, as a server restart would, and refuses new ones while asked to, as a
 * server that is still restarting would. Every test class imports it, so that they all
 * share one application context; with it come the other test controls: the
 * {@link HandshakeCounter}, the {@link MessageControls}, a broker of its own
 * ({@link TestBrokerConfig}), and the app's {@link MutableClock}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ HandshakeCounter.class, TokenUse.class, MessageControls.class, TestBrokerConfig.class, MutableClock.class })
public class HubControls implements WebSocketMessageBrokerConfigurer {

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    private volatile boolean refusing;

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory((handler) -> new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                if (HubControls.this.refusing) {
                    session.close(CloseStatus.SERVICE_RESTARTED);
                    return;
                }
                HubControls.this.sessions.add(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                try {
                    super.afterConnectionClosed(session, status);
                }
                finally {
                    // Only once the hub has seen the connection go.
                    HubControls.this.sessions.remove(session);
                }
            }

        });
    }

    /**
     * Waits until exactly this many connections are open: those of earlier tests close
     * while the next test starts.
     */
    public void awaitOpenConnections(int count) {
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.sessions.size() == count);
    }

    /**
     * While refusing, the server closes every new connection at once, before it is a
     * STOMP session, as a server that is still restarting would.
     */
    public void refuseConnections(boolean refusing) {
        this.refusing = refusing;
    }

    /** Closes every open connection with close code 1012, "service restart". */
    public void closeAll() throws IOException {
        for (WebSocketSession session : this.sessions) {
            session.close(CloseStatus.SERVICE_RESTARTED);
        }
    }

}
