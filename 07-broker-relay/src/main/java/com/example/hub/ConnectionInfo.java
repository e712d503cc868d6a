package com.example.hub;

/** A connection: the id the server gave it, the user who opened it, and its instance. */
public record ConnectionInfo(String connectionId, String user, String instance) {

}
