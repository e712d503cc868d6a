package com.example.hub;

import java.util.Set;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Lets clients talk to the hub, not around it: they may send only to hub methods under
 * {@code /app}, and subscribe only to the destinations the hub offers. Spring's broker on
 * its own accepts any {@code /topic} or {@code /queue} destination, including the one
 * where another connection receives its own messages. Nor may they use the message
 * broker's own features, which the relay would pass on: acknowledgements and
 * transactions, or headers such as a durable subscription's name.
 */
@Component
public class DestinationGuard implements ChannelInterceptor {

    public static final Set<String> SUBSCRIBABLE = Set.of("/app/connectionId", "/app/connections", "/topic/messages",
            "/topic/connections", "/user/queue/messages", "/user/queue/errors", "/user/queue/groups",
            "/user/queue/replies", "/app/stats", "/topic/stats");

    /**
     * The longest subscription id a client may choose. Clients number their subscriptions
     * ({@code sub-0}) or use a UUID; Spring keeps each id as long as the subscription
     * lasts.
     */
    static final int MAX_ID_LENGTH = 64;

    /** What a client may say in CONNECT: the relay sets the broker's login and host. */
    private static final Set<String> CONNECT_HEADERS = Set.of("accept-version", "heart-beat");

    private static final Set<String> SUBSCRIBE_HEADERS = Set.of("id", "destination", "receipt");

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
        // ACK, NACK, BEGIN, COMMIT and ABORT: the hub acknowledges nothing and has no
        // transactions.
        if (type == SimpMessageType.OTHER) {
            return refuse(headers, "unsupported-frame",
                    "The hub takes no " + StompHeaderAccessor.wrap(message).getCommand() + " frames.");
        }
        if (type == SimpMessageType.CONNECT) {
            return withOnly(message, CONNECT_HEADERS);
        }
        if (type == SimpMessageType.SUBSCRIBE) {
            return withOnly(message, SUBSCRIBE_HEADERS);
        }
        return message;
    }

    /**
     * The frame with only these of the client's headers: the relay passes the others on
     * to the broker, where they could ask for a durable subscription that outlives the
     * connection, or for acknowledgements the client never sends, and messages would pile
     * up in the broker.
     */
    private static Message<?> withOnly(Message<?> message, Set<String> kept) {
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
        headers.toNativeHeaderMap()
            .keySet()
            .stream()
            .filter((name) -> !kept.contains(name))
            .forEach(headers::removeNativeHeader);
        return MessageBuilder.createMessage(message.getPayload(), headers.getMessageHeaders());
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
