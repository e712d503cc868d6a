package com.example.hub;

import java.util.Collection;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

import com.example.announcements.HubStats;

/**
 * Sends to the hub's clients, from the hub or from anywhere else in the app: Spring's
 * counterpart of the {@code Clients} object of a SignalR hub and of
 * {@code IHubContext<MessageHub>.Clients}.
 */
@Component
public class HubClients {

    private final SimpMessageSendingOperations messaging;

    HubClients(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    /** Sends to every connection, on {@code /topic/messages}. */
    public void all(HubMessage message) {
        this.messaging.convertAndSend("/topic/messages", message);
    }

    /** Sends to one connection, which receives it on {@code /user/queue/messages}. */
    void connection(String connectionId, HubMessage message) {
        sendToConnection(connectionId, "/queue/messages", message);
    }

    void connections(Collection<String> connectionIds, HubMessage message) {
        connectionIds.forEach((connectionId) -> connection(connectionId, message));
    }

    /** Sends an error to one connection, on {@code /user/queue/errors}. */
    void error(String connectionId, HubError error) {
        sendToConnection(connectionId, "/queue/errors", error);
    }

    /** Publishes the hub's statistics on {@code /topic/stats}. */
    public void statistics(HubStats stats) {
        this.messaging.convertAndSend("/topic/stats", stats);
    }

    /** Tells every connection that another one came or went. */
    void announce(ConnectionEvent event) {
        this.messaging.convertAndSend("/topic/connections", event);
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
