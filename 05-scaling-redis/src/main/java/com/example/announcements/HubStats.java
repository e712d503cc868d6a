package com.example.announcements;

import java.time.Instant;

/**
 * The hub's statistics: open connections, messages received in the last minute, and
 * whether this instance's messages reach the other instances.
 */
public record HubStats(int connections, long messagesPerMinute, boolean clusterReachable, Instant at) {

    boolean sameNumbersAs(HubStats other) {
        return other != null && this.connections == other.connections
                && this.messagesPerMinute == other.messagesPerMinute && this.clusterReachable == other.clusterReachable;
    }

}
