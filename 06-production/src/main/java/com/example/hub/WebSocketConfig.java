package com.example.hub;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.example.announcements.MessageCounter;
import com.example.production.GroupNameLimit;
import com.example.production.SubscriptionLimit;

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

    private final SubscriptionLimit subscriptionLimit;

    private final GroupNameLimit groupNameLimit;

    private final TaskScheduler heartbeatScheduler;

    private final long heartbeatMillis;

    private final String[] allowedOrigins;

    // Lazy: the scheduler comes from the messaging setup that this class configures.
    WebSocketConfig(DestinationGuard destinationGuard, MessageCounter messageCounter,
            SubscriptionLimit subscriptionLimit, GroupNameLimit groupNameLimit,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeatScheduler,
            WebSocketProperties websocket) {
        this.destinationGuard = destinationGuard;
        this.messageCounter = messageCounter;
        this.subscriptionLimit = subscriptionLimit;
        this.groupNameLimit = groupNameLimit;
        this.heartbeatScheduler = heartbeatScheduler;
        this.heartbeatMillis = websocket.heartbeatInterval().toMillis();
        this.allowedOrigins = websocket.allowedOrigins().toArray(String[]::new);
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Pages from other origins may not connect (a browser sends the token of whoever
        // uses it), unless listed in hub.websocket.allowed-origins.
        registry.addEndpoint("/messages")
            .setAllowedOriginPatterns(this.allowedOrigins)
            .addInterceptors(new OriginHeaderCheck());
        // Handle each connection's frames one after another, in the order sent.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        // Heartbeats reveal a connection whose network vanished without a word: when the
        // client offers them too, a connection silent for three intervals is closed as if
        // the client had disconnected. A client that offers none is never timed out.
        registry.enableSimpleBroker("/topic", "/queue")
            .setHeartbeatValue(new long[] { this.heartbeatMillis, this.heartbeatMillis })
            .setTaskScheduler(this.heartbeatScheduler);
        registry.setUserDestinationPrefix("/user");
        // Deliver to each connection in the order messages were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // The guard first, then the limits, which see only what it lets through: what
        // any of them drops is not counted.
        registration.interceptors(this.destinationGuard, this.subscriptionLimit, this.groupNameLimit,
                this.messageCounter);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES);
        registration.addDecoratorFactory(ChunkedFrames::new);
    }

}
