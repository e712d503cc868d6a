package com.example.hub;

/** Tells a client the id the server gave its connection. */
record ConnectionInfo(String connectionId) {

}
