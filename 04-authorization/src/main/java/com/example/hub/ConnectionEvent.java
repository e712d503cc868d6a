package com.example.hub;

/** Announces on {@code /topic/connections} that a connection came or went. */
record ConnectionEvent(String type, String connectionId, String user) {

    static ConnectionEvent connected(ConnectionInfo connection) {
        return new ConnectionEvent("connected", connection.connectionId(), connection.user());
    }

    static ConnectionEvent disconnected(ConnectionInfo connection) {
        return new ConnectionEvent("disconnected", connection.connectionId(), connection.user());
    }

}
