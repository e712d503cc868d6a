package com.example.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

/**
 * Sends to the hub's clients, from the hub or from anywhere else in the app: Spring's
 * counterpart of the {@code Clients} object of a SignalR hub and of
 * {@code IHubContext<MessageHub>.Clients}. Each send reaches this instance's connections
 * directly and the other instances' through the {@link Backplane}; what the other
 * instances publish arrives in {@link #receive} and goes to this instance's connections.
 */
@Component
class HubClients {

    private final SimpMessageSendingOperations messaging;

    private final ConnectionRegistry registry;

    private final Backplane backplane;

    HubClients(SimpMessageSendingOperations messaging, ConnectionRegistry registry, Backplane backplane) {
        this.messaging = messaging;
        this.registry = registry;
        this.backplane = backplane;
        backplane.onMessage(this::receive);
    }

    /** Sends to every connection, on {@code /topic/messages}. */
    void all(HubMessage message) {
        this.messaging.convertAndSend("/topic/messages", message);
        this.backplane.publish(new BackplaneMessage.ToAll(message));
    }

    /** Sends to one connection, which receives it on {@code /user/queue/messages}. */
    void connection(String connectionId, HubMessage message) {
        connections(List.of(connectionId), message);
    }

    /** Sends to these connections; those on other instances in one backplane message. */
    void connections(Collection<String> connectionIds, HubMessage message) {
        List<String> elsewhere = new ArrayList<>();
        for (String connectionId : connectionIds) {
            if (this.registry.isLocal(connectionId)) {
                sendToConnection(connectionId, "/queue/messages", message);
            }
            else {
                elsewhere.add(connectionId);
            }
        }
        if (!elsewhere.isEmpty()) {
            this.backplane.publish(new BackplaneMessage.ToConnections(elsewhere, message));
        }
    }

    /** Sends to every member of the group: each instance knows its own members. */
    void group(String group, HubMessage message) {
        sendToLocalMembers(group, message);
        this.backplane.publish(new BackplaneMessage.ToGroup(group, message));
    }

    /**
     * Sends to every connection of the user, on {@code /user/queue/messages}. Spring's
     * {@code convertAndSendToUser(user, ...)} would do this in one call, but in Spring
     * Framework 7.0 it fails for a user with several connections when the receive order
     * is preserved (see the chapter 04 guide). So: one send per connection that the hub's
     * own registry lists for the user, here and on the other instances.
     */
    void user(String user, HubMessage message) {
        sendToLocalConnectionsOf(user, message);
        this.backplane.publish(new BackplaneMessage.ToUser(user, message));
    }

    /** Sends an error to one connection, on {@code /user/queue/errors}. */
    void error(String connectionId, HubError error) {
        sendToConnection(connectionId, "/queue/errors", error);
    }

    /**
     * Publishes this instance's statistics on {@code /topic/stats}, to its connections.
     */
    void statistics(HubStats stats) {
        this.messaging.convertAndSend("/topic/stats", stats);
    }

    /**
     * Tells every connection, on every instance, that one of this instance's came or
     * went.
     */
    void announce(ConnectionEvent event) {
        announceLocally(event);
        this.backplane.publishMembership(() -> new BackplaneMessage.ConnectionChanged(event));
    }

    /** Tells this instance's connections that a connection came or went. */
    void announceLocally(ConnectionEvent event) {
        this.messaging.convertAndSend("/topic/connections", event);
    }

    /** Delivers what another instance published to this instance's connections. */
    void receive(String instance, BackplaneMessage message) {
        if (message instanceof BackplaneMessage.ToAll toAll) {
            this.messaging.convertAndSend("/topic/messages", toAll.message());
        }
        else if (message instanceof BackplaneMessage.ToConnections toConnections) {
            toConnections.connectionIds()
                .stream()
                .filter(this.registry::isLocal)
                .forEach((connectionId) -> sendToConnection(connectionId, "/queue/messages", toConnections.message()));
        }
        else if (message instanceof BackplaneMessage.ToGroup toGroup) {
            sendToLocalMembers(toGroup.group(), toGroup.message());
        }
        else if (message instanceof BackplaneMessage.ToUser toUser) {
            sendToLocalConnectionsOf(toUser.user(), toUser.message());
        }
    }

    private void sendToLocalMembers(String group, HubMessage message) {
        this.registry.members(group)
            .forEach((connectionId) -> sendToConnection(connectionId, "/queue/messages", message));
    }

    private void sendToLocalConnectionsOf(String user, HubMessage message) {
        this.registry.localConnectionsOf(user)
            .forEach((connectionId) -> sendToConnection(connectionId, "/queue/messages", message));
    }

    private void sendToConnection(String connectionId, String destination, Object payload) {
        // With the session id both as the "user" and in the headers, Spring resolves the
        // destination to that one connection's queue, such as /queue/errors-user<id>.
        this.messaging.convertAndSendToUser(connectionId, destination, payload, headersFor(connectionId));
    }

    private static MessageHeaders headersFor(String connectionId) {
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setSessionId(connectionId);
        accessor.setLeaveMutable(true);
        return accessor.getMessageHeaders();
    }

}
