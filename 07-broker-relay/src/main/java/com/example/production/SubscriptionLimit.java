package com.example.production;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import com.example.hub.HubClients;

/**
 * Caps the subscriptions one connection may hold at once. Each subscription is another
 * copy of every message sent to its destination: 10,000 subscriptions to
 * {@code /topic/messages} would turn one broadcast into 10,000 frames for one client.
 */
@Component
public class SubscriptionLimit implements ChannelInterceptor {

    /** The page needs ten; a few more leave room for a client that resubscribes. */
    static final int MAX_SUBSCRIPTIONS = 32;

    /**
     * The ids of the subscriptions each connection holds. Ids, not a count: an
     * UNSUBSCRIBE of an id the connection never used must not make room.
     */
    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

    private final HubClients clients;

    private final WebSocketSessions sessions;

    // Lazy: the clients' messaging template is built from the channels this limit is
    // part of.
    SubscriptionLimit(@Lazy HubClients clients, WebSocketSessions sessions) {
        this.clients = clients;
        this.sessions = sessions;
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
            Set<String> held = this.subscriptions.computeIfAbsent(connectionId, (id) -> ConcurrentHashMap.newKeySet());
            // An id the connection holds already adds no subscription: the broker keeps
            // the first.
            if (!held.contains(subscriptionId) && held.size() >= MAX_SUBSCRIPTIONS) {
                this.clients.error(connectionId, "too-many-subscriptions",
                        "A connection can hold at most " + MAX_SUBSCRIPTIONS + " subscriptions.");
                return null;
            }
            held.add(subscriptionId);
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            Set<String> held = this.subscriptions.get(connectionId);
            if (held != null) {
                held.remove(subscriptionId);
            }
        }
        return message;
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        this.subscriptions.remove(event.getSessionId());
    }

}
