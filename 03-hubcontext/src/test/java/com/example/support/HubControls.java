package com.example.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import static org.awaitility.Awaitility.await;

/**
 * Test configuration that gives tests a hand on the server side: it closes every open
 * connection, as a server restart would, and it swallows any message whose body contains
 * {@link #UNANSWERED}, as a hub that never got to answer would. Every test class imports
 * it, so that they all share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HubControls implements WebSocketMessageBrokerConfigurer {

    /** A message containing this reaches no hub method and gets no answer. */
    public static final String UNANSWERED = "[never answered]";

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

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {

            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                boolean unanswered = message.getPayload() instanceof byte[] body
                        && new String(body, StandardCharsets.UTF_8).contains(UNANSWERED);
                return unanswered ? null : message;
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
