package com.example.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import com.example.hub.ConnectionEvent;
import com.example.hub.HubMessage;

/**
 * What one instance tells the others through Redis: a hub message for their own
 * connections, or a change in who is connected and in which groups. Written as JSON with
 * a {@code type} property; a message of another shape cannot be read, and is dropped.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = BackplaneMessage.ToAll.class, name = "all"),
        @JsonSubTypes.Type(value = BackplaneMessage.ToConnections.class, name = "connections"),
        @JsonSubTypes.Type(value = BackplaneMessage.ConnectionChanged.class, name = "connection-changed"),
        @JsonSubTypes.Type(value = BackplaneMessage.GroupsChanged.class, name = "groups-changed"),
        @JsonSubTypes.Type(value = BackplaneMessage.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = BackplaneMessage.Leaving.class, name = "leaving") })
public sealed interface BackplaneMessage {

    /** For every connection. */
    record ToAll(HubMessage message) implements BackplaneMessage {

    }

    /** For these connections, wherever they are: each instance delivers to its own. */
    record ToConnections(List<String> connectionIds, HubMessage message) implements BackplaneMessage {

    }

    /** A connection of the sending instance opened or closed. */
    record ConnectionChanged(ConnectionEvent event) implements BackplaneMessage {

    }

    /** A connection of the sending instance is now in these groups. */
    record GroupsChanged(String connectionId, List<String> groups) implements BackplaneMessage {

    }

    /**
     * Every connection of the sending instance with its groups, sent every few seconds:
     * it says the instance is alive, and repairs what the others missed.
     */
    record Presence(List<ClusterConnection> connections) implements BackplaneMessage {

    }

    /** The sending instance is shutting down; its connections are gone. */
    record Leaving() implements BackplaneMessage {

    }

}
