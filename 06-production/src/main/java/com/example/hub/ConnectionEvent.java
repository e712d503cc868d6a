package com.example.hub;

/** Announces on {@code /topic/connections} that a connection came or went. */
public record ConnectionEvent(String type, String connectionId, String user, String instance) {

    public static ConnectionEvent connected(ConnectionInfo connection) {
        return new ConnectionEvent("connected", connection.connectionId(), connection.user(), connection.instance());
    }

    public static ConnectionEvent disconnected(ConnectionInfo connection) {
        return new ConnectionEvent("disconnected", connection.connectionId(), connection.user(), connection.instance());
    }

}
