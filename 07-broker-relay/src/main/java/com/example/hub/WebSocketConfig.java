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
import com.example.broker.LocalDelivery;
import com.example.broker.MembershipChannel;
import com.example.production.GroupNameLimit;
import com.example.production.SubscriptionLimit;

/**
 * Opens the hub's WebSocket endpoint and routes STOMP destinations: {@code /app/**} to
 * {@link MessageHub}; the rest to the message broker at {@code hub.broker.host} and
 * {@code hub.broker.port}, through Spring's broker relay, except what is for this
 * instance's connections only, which {@link LocalDelivery} hands to them.
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
     * instance. They are prefixes: {@code /topic/messages} also covers the topic where
     * Spring subscribes a connection's {@code /user/queue/messages} (see
     * {@link com.example.broker.ConnectionTopics}).
     */
    public static final String[] RELAYED = { "/topic/messages", "/topic/connections", MembershipChannel.DESTINATION };

    private final DestinationGuard destinationGuard;

    private final MessageCounter messageCounter;

    private final SubscriptionLimit subscriptionLimit;

    private final GroupNameLimit groupNameLimit;

    private final LocalDelivery localDelivery;

    private final BrokerProperties broker;

    private final long heartbeatMillis;

    private final String[] allowedOrigins;

    WebSocketConfig(DestinationGuard destinationGuard, MessageCounter messageCounter,
            SubscriptionLimit subscriptionLimit, GroupNameLimit groupNameLimit, LocalDelivery localDelivery,
            BrokerProperties broker, WebSocketProperties websocket) {
        this.destinationGuard = destinationGuard;
        this.messageCounter = messageCounter;
        this.subscriptionLimit = subscriptionLimit;
        this.groupNameLimit = groupNameLimit;
        this.localDelivery = localDelivery;
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
        // Messages for connections go to the broker: each connection gets a TCP
        // connection of its own to the broker, which holds its subscriptions and sends
        // it what is published there, from any instance. The relay's own
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
        registry.setUserDestinationPrefix("/user");
        // Deliver to each connection in the order messages were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // The guard first, then the limits, which see only what it lets through: what
        // any of them drops is not counted. What they let through is kept track of for
        // the
        // answers sent here and for the broker.
        registration.interceptors(this.destinationGuard, this.subscriptionLimit, this.groupNameLimit,
                this.localDelivery, this.messageCounter);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES);
        registration.addDecoratorFactory(ChunkedFrames::new);
    }

}
