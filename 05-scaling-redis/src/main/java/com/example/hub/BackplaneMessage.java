package com.example.hub;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one instance tells the others through Redis: a hub message for their own
 * connections, or a change in who is connected. Written as JSON with a {@code type}
 * property; a message that does not fit one of these shapes cannot be read, and is
 * dropped.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = BackplaneMessage.ToAll.class, name = "all"),
        @JsonSubTypes.Type(value = BackplaneMessage.ToConnections.class, name = "connections"),
        @JsonSubTypes.Type(value = BackplaneMessage.ToGroup.class, name = "group"),
        @JsonSubTypes.Type(value = BackplaneMessage.ToUser.class, name = "user"),
        @JsonSubTypes.Type(value = BackplaneMessage.ConnectionChanged.class, name = "connection-changed"),
        @JsonSubTypes.Type(value = BackplaneMessage.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = BackplaneMessage.Leaving.class, name = "leaving") })
sealed interface BackplaneMessage {

    /** For every connection. */
    record ToAll(HubMessage message) implements BackplaneMessage {

        public ToAll {
            checked(message);
        }

    }

    /** For these connections, wherever they are. */
    record ToConnections(List<String> connectionIds, HubMessage message) implements BackplaneMessage {

        public ToConnections {
            Objects.requireNonNull(connectionIds);
            checked(message);
        }

    }

    /** For every member of the group, on every instance. */
    record ToGroup(String group, HubMessage message) implements BackplaneMessage {

        public ToGroup {
            Objects.requireNonNull(group);
            checked(message);
        }

    }

    /** For every connection of the user, on every instance. */
    record ToUser(String user, HubMessage message) implements BackplaneMessage {

        public ToUser {
            Objects.requireNonNull(user);
            checked(message);
        }

    }

    /** A connection of the sending instance opened or closed. */
    record ConnectionChanged(ConnectionEvent event) implements BackplaneMessage {

        public ConnectionChanged {
            Objects.requireNonNull(event);
            if (!event.type().equals("connected") && !event.type().equals("disconnected")) {
                throw new IllegalArgumentException("Unknown connection event " + event.type());
            }
            checked(new ConnectionInfo(event.connectionId(), event.user(), event.instance()));
        }

    }

    /**
     * Every connection of the sending instance, sent every few seconds: it says the
     * instance is alive, and repairs what the others missed.
     */
    record Presence(List<ConnectionInfo> connections) implements BackplaneMessage {

        public Presence {
            connections.forEach(BackplaneMessage::checked);
        }

    }

    /** The sending instance is shutting down; its connections are gone. */
    record Leaving() implements BackplaneMessage {

    }

    /**
     * Refuses a hub message with a field missing: what comes from Redis may come from a
     * newer or older version of the app, or from anyone who can publish there.
     */
    private static HubMessage checked(HubMessage message) {
        Objects.requireNonNull(message.from());
        Objects.requireNonNull(message.text());
        Objects.requireNonNull(message.target());
        Objects.requireNonNull(message.sentAt());
        return message;
    }

    private static ConnectionInfo checked(ConnectionInfo connection) {
        Objects.requireNonNull(connection.connectionId());
        Objects.requireNonNull(connection.user());
        Objects.requireNonNull(connection.instance());
        return connection;
    }

}
