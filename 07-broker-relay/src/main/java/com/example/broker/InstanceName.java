package com.example.broker;

import java.util.UUID;

/**
 * The name of this app instance in the cluster: {@code hub.instance.name}, or a random
 * one. It marks what this instance publishes on the membership channel, and the page
 * shows it.
 */
public record InstanceName(String value) {

    public static InstanceName of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceName(configured);
        }
        return new InstanceName("hub-" + UUID.randomUUID().toString().substring(0, 8));
    }

}
