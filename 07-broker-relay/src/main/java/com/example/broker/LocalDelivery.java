package com.example.broker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * What is for this instance's connections only goes straight to them, not through the
 * message broker: the answers to a caller, which is always a connection of this instance,
 * and this instance's statistics. The page matches answers to its calls by their order
 * across three destinations, which a broker keeps within one destination only; here each
 * connection's answers leave on one ordered channel, in the order they were sent. As the
 * relay's gatekeeper it also keeps from the broker what the broker would answer with an
 * ERROR frame, which ends the connection: a second SUBSCRIBE with an id in use, and an
 * UNSUBSCRIBE of a subscription the broker does not hold.
 */
@Component
public class LocalDelivery implements ChannelInterceptor, MessageHandler, SmartInitializingSingleton {

    /**
     * The destinations delivered here; a client's other subscriptions are the broker's.
     */
    public static final Set<String> LOCAL = Set.of("/user/queue/replies", "/user/queue/errors", "/user/queue/groups",
            "/topic/stats");

    private static final Log logger = LogFactory.getLog(LocalDelivery.class);

    /** Each connection's subscriptions, each id with its destination, and its channel. */
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private final ObjectProvider<SubscribableChannel> brokerChannel;

    private final ObjectProvider<MessageChannel> clientOutboundChannel;

    // Providers: both channels are built from the configuration this interceptor is part
    // of.
    LocalDelivery(@Qualifier("brokerChannel") ObjectProvider<SubscribableChannel> brokerChannel,
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutboundChannel) {
        this.brokerChannel = brokerChannel;
        this.clientOutboundChannel = clientOutboundChannel;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.brokerChannel.getObject().subscribe(this);
        // The ordered channels below need this of the channel they send to.
        OrderedMessageChannelDecorator.configureInterceptor(this.clientOutboundChannel.getObject(), true);
    }

    /**
     * Keeps each connection's subscriptions, and from the broker what it would refuse.
     */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        MessageHeaders headers = message.getHeaders();
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
        String connectionId = SimpMessageHeaderAccessor.getSessionId(headers);
        String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
        if (type == SimpMessageType.SUBSCRIBE) {
            Connection connection = this.connections.computeIfAbsent(connectionId, this::connection);
            // An id in use adds no subscription: the first stays.
            if (connection.subscriptions.putIfAbsent(subscriptionId,
                    SimpMessageHeaderAccessor.getDestination(headers)) != null) {
                return null;
            }
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            Connection connection = this.connections.get(connectionId);
            String destination = (connection != null) ? connection.subscriptions.remove(subscriptionId) : null;
            // The relay passes every UNSUBSCRIBE on: only those the broker holds go on.
            if (destination == null || !isOnTheBroker(destination)) {
                return null;
            }
        }
        return message;
    }

    /** Whether the message broker holds a subscription to this destination. */
    public static boolean isOnTheBroker(String destination) {
        return !LOCAL.contains(destination) && !destination.startsWith("/app/");
    }

    /**
     * Receives what the app sends to the broker channel: an answer to a connection of
     * this instance once Spring has resolved its {@code /user} destination, and the
     * statistics.
     */
    @Override
    public void handleMessage(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE) {
            return;
        }
        String answered = NativeMessageHeaderAccessor
            .getFirstNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, headers);
        String connectionId = SimpMessageHeaderAccessor.getSessionId(headers);
        if (answered != null && LOCAL.contains(answered) && connectionId != null) {
            deliver(connectionId, answered, message);
        }
        else if (answered == null && "/topic/stats".equals(SimpMessageHeaderAccessor.getDestination(headers))) {
            this.connections.keySet().forEach((each) -> deliver(each, "/topic/stats", message));
        }
    }

    /** Sends to each of the connection's subscriptions to the destination, if any. */
    private void deliver(String connectionId, String destination, Message<?> message) {
        Connection connection = this.connections.get(connectionId);
        if (connection == null) {
            return;
        }
        connection.subscriptions.forEach((subscriptionId, subscribed) -> {
            if (subscribed.equals(destination)) {
                SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
                headers.copyHeadersIfAbsent(message.getHeaders());
                headers.setSessionId(connectionId);
                headers.setSubscriptionId(subscriptionId);
                headers.setLeaveMutable(true);
                connection.channel
                    .send(MessageBuilder.createMessage(message.getPayload(), headers.getMessageHeaders()));
            }
        });
    }

    private Connection connection(String connectionId) {
        return new Connection(new ConcurrentHashMap<>(),
                new OrderedMessageChannelDecorator(this.clientOutboundChannel.getObject(), logger));
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        this.connections.remove(event.getSessionId());
    }

    private record Connection(Map<String, String> subscriptions, MessageChannel channel) {
    }

}
