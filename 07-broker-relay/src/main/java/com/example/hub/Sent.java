package com.example.hub;

/**
 * The hub's answer to a caller whose message went out: to how many connections. SignalR's
 * counterpart is the value a hub method returns to {@code connection.invoke}.
 */
record Sent(int connections) {

}
