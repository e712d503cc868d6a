package com.example.hub;

import java.util.Collection;
import java.util.List;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

import com.example.announcements.HubStats;
import com.example.broker.ConnectionTopics;
import com.example.broker.MembershipChannel;
import com.example.broker.MembershipMessage;

/**
 * Sends to the hub's clients, from the hub or from anywhere else in the app: Spring's
 * counterpart of the {@code Clients} object of a SignalR hub and of
 * {@code IHubContext<MessageHub>.Clients}. Every send goes to the message broker, which
 * delivers it to the connections subscribed there, on whichever instance they are.
 */
@Component
public class HubClients {

    private final SimpMessageSendingOperations messaging;

    private final ConnectionRegistry registry;

    private final MembershipChannel membership;

    HubClients(SimpMessageSendingOperations messaging, ConnectionRegistry registry, MembershipChannel membership) {
        this.messaging = messaging;
        this.registry = registry;
        this.membership = membership;
    }

    /**
     * Sends to every connection, on {@code /topic/messages}. Returns how many it reaches.
     */
    public int all(HubMessage message) {
        send(() -> this.messaging.convertAndSend("/topic/messages", message), "nothing was sent");
        return this.registry.count();
    }

    /**
     * Sends to one connection, which receives it on {@code /user/queue/messages}. Returns
     * 1.
     */
    int connection(String connectionId, HubMessage message) {
        return connections(List.of(connectionId), message);
    }

    /**
     * Sends to these connections, wherever they are: to the broker's topic for each
     * connection's {@code /user/queue/messages}, which its instance subscribed it to.
     * Returns how many it reaches.
     */
    int connections(Collection<String> connectionIds, HubMessage message) {
        send(() -> connectionIds.forEach(
                (connectionId) -> this.messaging.convertAndSend(ConnectionTopics.of("/queue/messages", connectionId),
                        message, asSentTo("/user/queue/messages"))),
                "the message reached some of them at most");
        return connectionIds.size();
    }

    /**
     * Sends an error to one connection of this instance, on {@code /user/queue/errors},
     * after the answers sent to it before.
     */
    void error(String connectionId, HubError error) {
        sendToConnection(connectionId, "/queue/errors", error);
    }

    /** The same, for the production package's limits. */
    public void error(String connectionId, String error, String detail) {
        error(connectionId, new HubError(error, detail));
    }

    /**
     * Publishes this instance's statistics on {@code /topic/stats}, to its connections.
     */
    public void statistics(HubStats stats) {
        try {
            this.messaging.convertAndSend("/topic/stats", stats);
        }
        catch (MessageDeliveryException ex) {
            // The relay refuses every message while the broker is unreachable, even one
            // it would not pass on; no client is connected then anyway.
        }
    }

    /**
     * Tells every connection, on every instance, that one of this instance's came or
     * went; and the other instances, for their lists.
     */
    void announce(ConnectionEvent event) {
        this.membership.publishMembership(() -> {
            announceToAll(event);
            return new MembershipMessage.ConnectionChanged(event);
        });
    }

    /**
     * Tells every connection that a connection came or went. Only the instance whose
     * connection it is, or which found it gone, says so: once.
     */
    public void announceToAll(ConnectionEvent event) {
        try {
            this.messaging.convertAndSend("/topic/connections", event, MembershipChannel.withoutWaiting());
        }
        catch (MessageDeliveryException ex) {
            // Broker unreachable: every page reconnects and asks for the list again.
        }
    }

    /** Tells the other instances which groups a connection of this instance is in now. */
    void announceGroups(String connectionId) {
        this.membership.publishMembership(
                () -> new MembershipMessage.GroupsChanged(connectionId, this.registry.groupsOf(connectionId)));
    }

    /** Sends, or says what was lost because the broker is unreachable. */
    private static void send(Runnable send, String lost) {
        try {
            send.run();
        }
        catch (MessageDeliveryException ex) {
            throw new HubException("broker-unreachable",
                    "The message broker is unreachable: " + lost + ". Try again in a moment.");
        }
    }

    private void sendToConnection(String connectionId, String destination, Object payload) {
        // With the session id both as the "user" and in the headers, Spring resolves the
        // destination to that one connection's.
        this.messaging.convertAndSendToUser(connectionId, destination, payload, headersFor(connectionId));
    }

    /**
     * Headers that make the connection see its own destination, as Spring does for a
     * {@code /user} destination it resolved: the broker passes them on.
     */
    private static MessageHeaders asSentTo(String userDestination) {
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, userDestination);
        accessor.setLeaveMutable(true);
        return accessor.getMessageHeaders();
    }

    private static MessageHeaders headersFor(String connectionId) {
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setSessionId(connectionId);
        accessor.setLeaveMutable(true);
        return accessor.getMessageHeaders();
    }

}
