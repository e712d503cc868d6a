package com.example.hub;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.example.announcements.MessageCounter;
import com.example.broker.BrokerProperties;
import com.example.broker.OneConnectedFrame;
import com.example.cluster.Backplane;
import com.example.production.SubscriptionLimit;

/**
 * Opens the hub's WebSocket endpoint and routes STOMP destinations: {@code /app/**} to
 * {@link MessageHub}; what must reach every instance's connections to the message broker
 * at {@code hub.broker.host} and {@code hub.broker.port}, through Spring's broker relay;
 * what is for this instance's connections only to Spring's in-memory broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    /**
     * The largest STOMP frame a client may send. Every valid text fits, even 4,000
     * characters that JSON can only write as six-byte escapes such as {@code \u0001}.
     */
    static final int MAX_FRAME_BYTES = 32 * 1024;

    /**
     * The destinations the message broker holds: what must reach connections on any
     * instance. They are prefixes: {@code /topic/messages} also covers
     * {@code /topic/messages-user<id>}, where Spring subscribes a connection's
     * {@code /user/topic/messages}. All are topics: a broker delivers a topic's messages
     * to the subscriptions there are, and keeps nothing once they end, where it may keep
     * a {@code /queue/} for a reader to come (RabbitMQ does, for good).
     */
    public static final String[] RELAYED = { "/topic/messages", "/topic/connections", Backplane.DESTINATION };

    private final DestinationGuard destinationGuard;

    private final MessageCounter messageCounter;

    private final SubscriptionLimit subscriptionLimit;

    private final BrokerProperties broker;

    private final long heartbeatMillis;

    private final String[] allowedOrigins;

    WebSocketConfig(DestinationGuard destinationGuard, MessageCounter messageCounter,
            SubscriptionLimit subscriptionLimit, BrokerProperties broker, WebSocketProperties websocket) {
        this.destinationGuard = destinationGuard;
        this.messageCounter = messageCounter;
        this.subscriptionLimit = subscriptionLimit;
        this.broker = broker;
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
        // What must reach connections on any instance goes to the broker: each connection
        // gets a TCP connection of its own to the broker, which holds its subscriptions
        // and sends it what is published there, from any instance. The relay's own
        // "system" connection carries what the app itself publishes; its heartbeats tell
        // the relay within three intervals that the broker is gone. Heartbeats with a
        // client are between the client and the broker.
        registry.enableStompBrokerRelay(RELAYED)
            .setRelayHost(this.broker.host())
            .setRelayPort(this.broker.port())
            .setClientLogin(this.broker.clientLogin())
            .setClientPasscode(this.broker.clientPasscode())
            .setSystemLogin(this.broker.systemLogin())
            .setSystemPasscode(this.broker.systemPasscode())
            .setVirtualHost(this.broker.virtualHost())
            .setSystemHeartbeatSendInterval(this.heartbeatMillis)
            .setSystemHeartbeatReceiveInterval(this.heartbeatMillis);
        // What is for connections of this instance only stays here, in Spring's simple
        // broker: this instance's statistics, and the answers to a caller, which the page
        // matches to its calls by their order across the three destinations. A broker
        // keeps order within a destination, not across destinations.
        registry.enableSimpleBroker("/queue/replies", "/queue/errors", "/queue/groups", "/topic/stats");
        registry.setUserDestinationPrefix("/user");
        // Deliver to each connection in the order messages were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // The guard first: what it drops is not counted.
        registration.interceptors(this.destinationGuard, this.subscriptionLimit, this.messageCounter);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new OneConnectedFrame());
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES);
        registration.addDecoratorFactory(ChunkedFrames::new);
    }

}
