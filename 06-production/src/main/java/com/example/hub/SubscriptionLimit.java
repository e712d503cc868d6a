package com.example.hub;

import java.util.Map;
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

/**
 * Caps the subscriptions one connection may hold at once. Each subscription is another
 * copy of every message sent to its destination: 10,000 subscriptions to
 * {@code /topic/messages} would turn one broadcast into 10,000 frames for one client.
 */
@Component
class SubscriptionLimit implements ChannelInterceptor {

    /** The page needs ten; a few more leave room for a client that resubscribes. */
    static final int MAX_SUBSCRIPTIONS = 32;

    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();

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
        if (type == SimpMessageType.SUBSCRIBE) {
            int held = this.subscriptions.merge(connectionId, 1, Integer::sum);
            if (held > MAX_SUBSCRIPTIONS) {
                this.subscriptions.merge(connectionId, -1, Integer::sum);
                this.clients.error(connectionId, new HubError("too-many-subscriptions",
                        "A connection can hold at most " + MAX_SUBSCRIPTIONS + " subscriptions."));
                return null;
            }
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            this.subscriptions.computeIfPresent(connectionId, (id, held) -> (held > 1) ? held - 1 : null);
        }
        return message;
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        this.subscriptions.remove(event.getSessionId());
    }

}
