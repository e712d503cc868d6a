package com.example.announcements;

import java.time.Instant;

/** The hub's statistics: open connections and messages received in the last minute. */
public record HubStats(int connections, long messagesPerMinute, Instant at) {

    boolean sameNumbersAs(HubStats other) {
        return other != null && this.connections == other.connections
                && this.messagesPerMinute == other.messagesPerMinute;
    }

}
