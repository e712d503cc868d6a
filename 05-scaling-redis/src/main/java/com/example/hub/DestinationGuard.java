package com.example.hub;

import java.util.Set;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Lets clients talk to the hub, not around it: they may send only to hub methods under
 * {@code /app}, and subscribe only to the destinations the hub offers. Spring's broker on
 * its own accepts any {@code /topic} or {@code /queue} destination, including another
 * connection's private queue, {@code /queue/messages-user<connection id>}.
 */
@Component
class DestinationGuard implements ChannelInterceptor {

    static final Set<String> SUBSCRIBABLE = Set.of("/app/connectionId", "/app/connections", "/topic/messages",
            "/topic/connections", "/user/queue/messages", "/user/queue/errors", "/user/queue/groups",
            "/user/queue/replies", "/app/stats", "/topic/stats");

    /**
     * The longest subscription id a client may choose. Clients number their subscriptions
     * ({@code sub-0}) or use a UUID; Spring keeps each id as long as the subscription
     * lasts.
     */
    static final int MAX_ID_LENGTH = 64;

    private final HubClients clients;

    // Lazy: the clients' messaging template is built from the channels that this guard
    // belongs to.
    DestinationGuard(@Lazy HubClients clients) {
        this.clients = clients;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        MessageHeaders headers = message.getHeaders();
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
        String destination = SimpMessageHeaderAccessor.getDestination(headers);
        if (type == SimpMessageType.MESSAGE && (destination == null || !destination.startsWith("/app/"))) {
            return refuse(headers, "Messages go to hub methods under /app/, not to " + quoted(destination) + ".");
        }
        if (type == SimpMessageType.SUBSCRIBE && (destination == null || !SUBSCRIBABLE.contains(destination))) {
            return refuse(headers, "There is nothing to subscribe to at " + quoted(destination) + ".");
        }
        String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
        if (type == SimpMessageType.SUBSCRIBE || type == SimpMessageType.UNSUBSCRIBE) {
            // STOMP requires the id that ends a subscription: without one, the broker
            // would log an error and the client never hear why.
            if (subscriptionId == null) {
                return refuse(headers, "invalid-frame", "A " + type + " frame needs an id header.");
            }
            // Held in memory for as long as the subscription lasts.
            if (subscriptionId.length() > MAX_ID_LENGTH) {
                return refuse(headers, "invalid-frame",
                        "A subscription id has at most " + MAX_ID_LENGTH + " characters.");
            }
        }
        return message;
    }

    /** The destination as an error quotes it: the first 100 characters. */
    private static String quoted(String destination) {
        return (destination != null) ? StringUtils.truncate(destination) : null;
    }

    /** Drops the frame and tells its sender why; the connection stays open. */
    private Message<?> refuse(MessageHeaders headers, String detail) {
        return refuse(headers, "forbidden-destination", detail);
    }

    private Message<?> refuse(MessageHeaders headers, String error, String detail) {
        this.clients.error(SimpMessageHeaderAccessor.getSessionId(headers), new HubError(error, detail));
        return null;
    }

}
