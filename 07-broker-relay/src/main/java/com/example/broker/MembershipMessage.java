package com.example.broker;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import com.example.hub.ConnectionEvent;
import com.example.hub.ConnectionInfo;

/**
 * What one instance tells the others through the broker: a change in who is connected and
 * in which groups. Written as JSON with a {@code type} property. What comes from the
 * broker may come from an older or newer version of the app, or from anyone who can
 * publish there: a message of another shape, or with a field missing, cannot be read, and
 * is dropped.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = MembershipMessage.ConnectionChanged.class, name = "connection-changed"),
        @JsonSubTypes.Type(value = MembershipMessage.GroupsChanged.class, name = "groups-changed"),
        @JsonSubTypes.Type(value = MembershipMessage.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = MembershipMessage.Leaving.class, name = "leaving") })
public sealed interface MembershipMessage {

    /** A connection of the sending instance opened or closed. */
    record ConnectionChanged(ConnectionEvent event) implements MembershipMessage {

        public ConnectionChanged {
            required(event, "event");
            if (!"connected".equals(event.type()) && !"disconnected".equals(event.type())) {
                throw new IllegalArgumentException("Unknown connection event " + event.type());
            }
            checked(new ConnectionInfo(event.connectionId(), event.user(), event.instance()));
        }

    }

    /** A connection of the sending instance is now in these groups. */
    record GroupsChanged(String connectionId, List<String> groups) implements MembershipMessage {

        public GroupsChanged {
            required(connectionId, "connectionId");
            required(groups, "groups").forEach((group) -> required(group, "group"));
        }

    }

    /**
     * Every connection of the sending instance with its groups, sent every few seconds:
     * it says the instance is alive, and repairs what the others missed.
     */
    record Presence(List<ClusterConnection> connections) implements MembershipMessage {

        public Presence {
            required(connections, "connections").forEach((remote) -> {
                checked(required(remote, "connection").connection());
                required(remote.groups(), "groups");
            });
        }

    }

    /** The sending instance is shutting down; its connections are gone. */
    record Leaving() implements MembershipMessage {

    }

    private static ConnectionInfo checked(ConnectionInfo connection) {
        required(connection, "connection");
        required(connection.connectionId(), "connectionId");
        required(connection.user(), "user");
        required(connection.instance(), "instance");
        return connection;
    }

    /** Refuses a missing field: Jackson then refuses the whole message. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

}
