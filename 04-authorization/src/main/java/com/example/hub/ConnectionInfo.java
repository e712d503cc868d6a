package com.example.hub;

/** A connection: the id the server gave it, and the user who opened it. */
public record ConnectionInfo(String connectionId, String user) {

}
