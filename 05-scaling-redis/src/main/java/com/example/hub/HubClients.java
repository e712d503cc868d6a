package com.example.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

import com.example.announcements.HubStats;
import com.example.cluster.Backplane;
import com.example.cluster.BackplaneMessage;

/**
 * Sends to the hub's clients, from the hub or from anywhere else in the app: Spring's
 * counterpart of the {@code Clients} object of a SignalR hub and of
 * {@code IHubContext<MessageHub>.Clients}. Each send reaches this instance's connections
 * directly and the other instances' through the {@link Backplane}; what the other
 * instances publish arrives in {@link #receive} and goes to this instance's connections.
 */
@Component
public class HubClients {

    private final SimpMessageSendingOperations messaging;

    private final ConnectionRegistry registry;

    private final Backplane backplane;

    HubClients(SimpMessageSendingOperations messaging, ConnectionRegistry registry, Backplane backplane) {
        this.messaging = messaging;
        this.registry = registry;
        this.backplane = backplane;
        backplane.onMessage(this::receive);
    }

    /**
     * Sends to every connection, on {@code /topic/messages}. Returns how many it reaches:
     * while Redis is unreachable, only this instance's.
     */
    public int all(HubMessage message) {
        this.messaging.convertAndSend("/topic/messages", message);
        this.backplane.publish(new BackplaneMessage.ToAll(message));
        return reachable(this.registry.connectionIds());
    }

    /**
     * Sends to one connection, which receives it on {@code /user/queue/messages}. Returns
     * 1, or 0 if the connection is on an instance that cannot be reached.
     */
    int connection(String connectionId, HubMessage message) {
        return connections(List.of(connectionId), message);
    }

    /**
     * Sends to these connections; those on other instances in one backplane message.
     * Returns how many it reaches.
     */
    int connections(Collection<String> connectionIds, HubMessage message) {
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
        return reachable(connectionIds);
    }

    /** The connections a message reaches: all, unless Redis is unreachable. */
    private int reachable(Collection<String> connectionIds) {
        if (this.backplane.isReachable()) {
            return connectionIds.size();
        }
        return (int) connectionIds.stream().filter(this.registry::isLocal).count();
    }

    /**
     * Sends an error to one connection of this instance, on {@code /user/queue/errors}.
     */
    void error(String connectionId, HubError error) {
        sendToConnection(connectionId, "/queue/errors", error);
    }

    /**
     * Publishes this instance's statistics on {@code /topic/stats}, to its connections.
     */
    public void statistics(HubStats stats) {
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
    public void announceLocally(ConnectionEvent event) {
        this.messaging.convertAndSend("/topic/connections", event);
    }

    /** Tells the other instances which groups a connection of this instance is in now. */
    void announceGroups(String connectionId) {
        this.backplane.publishMembership(
                () -> new BackplaneMessage.GroupsChanged(connectionId, this.registry.groupsOf(connectionId)));
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
