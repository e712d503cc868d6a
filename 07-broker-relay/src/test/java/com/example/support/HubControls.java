package com.example.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import static org.awaitility.Awaitility.await;

/**
 * Test configuration that gives tests a hand on the server side: it closes every open
 * connection, as a server restart would; it swallows any message whose body contains
 * {@link #UNANSWERED}, as a hub that never got to answer would; and it holds a message
 * containing {@link #HELD} just before the hub handles it, until {@link #release()}, as a
 * busy server would; and it gives the app a message broker of its own, stopped after the
 * app's relay has disconnected from it; and it gives the app a {@link MutableClock}.
 * Every test class imports it, so that they all share one application context; with it
 * comes the {@link HandshakeCounter}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(HandshakeCounter.class)
public class HubControls implements WebSocketMessageBrokerConfigurer {

    /** A message containing this reaches no hub method and gets no answer. */
    public static final String UNANSWERED = "[never answered]";

    /** A message containing this waits for {@link #release()} before the hub sees it. */
    public static final String HELD = "[held]";

    private final CountDownLatch holding = new CountDownLatch(1);

    private final CountDownLatch released = new CountDownLatch(1);

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
        registration.interceptors(new ExecutorChannelInterceptor() {

            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                return contains(message, UNANSWERED) ? null : message;
            }

            @Override
            public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
                if (contains(message, HELD)) {
                    HubControls.this.holding.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> HubControls.this.released.getCount() == 0);
                }
                return message;
            }

        });
    }

    private static boolean contains(Message<?> message, String marker) {
        return message.getPayload() instanceof byte[] body && new String(body, StandardCharsets.UTF_8).contains(marker);
    }

    /** The app's clock; a test that moves it puts it back when it ends. */
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean(destroyMethod = "close")
    TestBroker testBroker() {
        return TestBroker.start();
    }

    /** The relay connects to the test's broker. */
    @Bean
    DynamicPropertyRegistrar testBrokerPort(TestBroker broker) {
        return (properties) -> properties.add("hub.broker.port", broker::port);
    }

    /** Waits until a message containing {@link #HELD} is being held. */
    public void awaitHolding() {
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.holding.getCount() == 0);
    }

    /** Lets every held message, and any later one, through to the hub. */
    public void release() {
        this.released.countDown();
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
