package com.example.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import static org.awaitility.Awaitility.await;

/**
 * Test configuration that gives tests a hand on the messages clients send: it swallows
 * any message whose body contains {@link #UNANSWERED}, as a hub that never got to answer
 * would, and it holds a message containing {@link #HELD} just before the hub handles it,
 * until {@link #release()}, as a busy server would. {@link HubControls} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MessageControls implements WebSocketMessageBrokerConfigurer {

    /** A message containing this reaches no hub method and gets no answer. */
    public static final String UNANSWERED = "[never answered]";

    /** A message containing this waits for {@link #release()} before the hub sees it. */
    public static final String HELD = "[held]";

    private final CountDownLatch holding = new CountDownLatch(1);

    private final CountDownLatch released = new CountDownLatch(1);

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
                    MessageControls.this.holding.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> MessageControls.this.released.getCount() == 0);
                }
                return message;
            }

        });
    }

    private static boolean contains(Message<?> message, String marker) {
        return message.getPayload() instanceof byte[] body && new String(body, StandardCharsets.UTF_8).contains(marker);
    }

    /** Waits until a message containing {@link #HELD} is being held. */
    public void awaitHolding() {
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.holding.getCount() == 0);
    }

    /** Lets every held message, and any later one, through to the hub. */
    public void release() {
        this.released.countDown();
    }

}
