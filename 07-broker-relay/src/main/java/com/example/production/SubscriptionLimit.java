package com.example.production;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import com.example.hub.HubClients;
import com.example.hub.HubError;
import com.example.hub.WebSocketConfig;

/**
 * Caps the subscriptions one connection may hold at once. Each subscription is another
 * copy of every message sent to its destination: 10,000 subscriptions to
 * {@code /topic/messages} would turn one broadcast into 10,000 frames for one client. It
 * also keeps from the message broker what the broker would answer with an ERROR frame,
 * which ends the connection.
 */
@Component
public class SubscriptionLimit implements ChannelInterceptor {

    /** The page needs ten; a few more leave room for a client that resubscribes. */
    static final int MAX_SUBSCRIPTIONS = 32;

    /**
     * The subscriptions each connection holds: each id with its destination. Ids, not a
     * count: an UNSUBSCRIBE of an id the connection never used must not make room.
     */
    private final Map<String, Map<String, String>> subscriptions = new ConcurrentHashMap<>();

    private final HubClients clients;

    private final WebSocketSessions sessions;

    private final ObjectProvider<SimpleBrokerMessageHandler> simpleBroker;

    // Lazy: the clients' messaging template and the simple broker are built from the
    // channels this limit is part of.
    SubscriptionLimit(@Lazy HubClients clients, WebSocketSessions sessions,
            ObjectProvider<SimpleBrokerMessageHandler> simpleBroker) {
        this.clients = clients;
        this.sessions = sessions;
        this.simpleBroker = simpleBroker;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        String connectionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        // A frame handled after its connection closed is dropped: counting it would keep
        // an entry for a connection that is gone.
        if (type == SimpMessageType.SUBSCRIBE && !this.sessions.isOpen(connectionId)) {
            return null;
        }
        String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
        if (type == SimpMessageType.SUBSCRIBE) {
            Map<String, String> held = this.subscriptions.computeIfAbsent(connectionId,
                    (id) -> new ConcurrentHashMap<>());
            // An id the connection holds already adds no subscription: the first stays.
            // (The message broker would answer with an ERROR frame, which ends the
            // connection.)
            if (held.containsKey(subscriptionId)) {
                return null;
            }
            if (held.size() >= MAX_SUBSCRIPTIONS) {
                this.clients.error(connectionId, new HubError("too-many-subscriptions",
                        "A connection can hold at most " + MAX_SUBSCRIPTIONS + " subscriptions."));
                return null;
            }
            held.put(subscriptionId, SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            // An id the connection does not hold ends nothing; the message broker would
            // answer with an ERROR frame, which ends the connection.
            Map<String, String> held = this.subscriptions.get(connectionId);
            String destination = (held != null) ? held.remove(subscriptionId) : null;
            if (destination == null) {
                return null;
            }
            // The relay passes every UNSUBSCRIBE on to the message broker, which answers
            // one for a subscription it does not hold the same way. Ended here instead: a
            // subscription of this instance's simple broker, or a request to /app.
            if (!heldByTheMessageBroker(destination)) {
                this.simpleBroker.getObject().getSubscriptionRegistry().unregisterSubscription(message);
                return null;
            }
        }
        return message;
    }

    private static boolean heldByTheMessageBroker(String destination) {
        String onTheBroker = destination.startsWith("/user/") ? destination.substring("/user".length()) : destination;
        return Arrays.stream(WebSocketConfig.RELAYED).anyMatch(onTheBroker::startsWith);
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        this.subscriptions.remove(event.getSessionId());
    }

}
