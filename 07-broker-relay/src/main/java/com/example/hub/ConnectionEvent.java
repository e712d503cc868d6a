package com.example.hub;

/** Announces on {@code /topic/connections} that a connection came or went. */
record ConnectionEvent(String type, String connectionId, String user, String instance) {

    static ConnectionEvent connected(ConnectionInfo connection) {
        return new ConnectionEvent("connected", connection.connectionId(), connection.user(), connection.instance());
    }

    static ConnectionEvent disconnected(ConnectionInfo connection) {
        return new ConnectionEvent("disconnected", connection.connectionId(), connection.user(), connection.instance());
    }

}
