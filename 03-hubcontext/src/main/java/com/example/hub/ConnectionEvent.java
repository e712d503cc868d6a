package com.example.hub;

/** Announces on {@code /topic/connections} that a connection came or went. */
record ConnectionEvent(String type, String connectionId) {

    static ConnectionEvent connected(String connectionId) {
        return new ConnectionEvent("connected", connectionId);
    }

    static ConnectionEvent disconnected(String connectionId) {
        return new ConnectionEvent("disconnected", connectionId);
    }

}
