package com.example.hub;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.example.announcements.MessageCounter;

/**
 * Opens the hub's WebSocket endpoint and routes STOMP destinations: {@code /app/**} to
 * {@link MessageHub}, {@code /topic/**} and {@code /queue/**} to Spring's in-memory
 * broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    /**
     * The largest STOMP frame a client may send. Every valid text fits, even 4,000
     * characters that JSON can only write as six-byte escapes such as {@code \u0001}.
     */
    static final int MAX_FRAME_BYTES = 32 * 1024;

    private final DestinationGuard destinationGuard;

    private final MessageCounter messageCounter;

    WebSocketConfig(DestinationGuard destinationGuard, MessageCounter messageCounter) {
        this.destinationGuard = destinationGuard;
        this.messageCounter = messageCounter;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Only pages from this app's own origin may connect: Spring's default.
        registry.addEndpoint("/messages").addInterceptors(new OriginHeaderCheck());
        // Handle each connection's frames one after another, in the order sent.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.enableSimpleBroker("/topic", "/queue");
        registry.setUserDestinationPrefix("/user");
        // Deliver to each connection in the order messages were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // The guard first: what it drops is not counted.
        registration.interceptors(this.destinationGuard, this.messageCounter);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES);
        registration.addDecoratorFactory(ChunkedFrames::new);
    }

}
