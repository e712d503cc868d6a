package com.example.hub;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message as every receiving client gets it: who sent it, the text, to whom, and when;
 * for a group, which group.
 */
public record HubMessage(String from, String text, String target, Instant sentAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String group) {

    HubMessage(String from, String text, String target, Instant sentAt) {
        this(from, text, target, sentAt, null);
    }

    /** An announcement from the server, not from a connection; it goes to everyone. */
    public static HubMessage announcement(String text) {
        return new HubMessage("announcement", text, "announcement", Instant.now());
    }

}
