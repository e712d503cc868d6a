package com.example.production;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import com.example.announcements.MessageCounter;
import com.example.cluster.Backplane;
import com.example.hub.ConnectionRegistry;

/**
 * The hub's numbers for monitoring, in Micrometer's registry: Actuator serves them at
 * {@code /actuator/metrics} and {@code /actuator/prometheus}. Each is read from the
 * component that keeps it when the registry asks, so nothing is counted twice.
 */
@Component
class HubMetrics implements MeterBinder {

    private final WebSocketSessions sessions;

    private final ConnectionRegistry registry;

    private final MessageCounter messages;

    private final Backplane backplane;

    private final LoginRateLimiter logins;

    HubMetrics(WebSocketSessions sessions, ConnectionRegistry registry, MessageCounter messages, Backplane backplane,
            LoginRateLimiter logins) {
        this.sessions = sessions;
        this.registry = registry;
        this.messages = messages;
        this.backplane = backplane;
        this.logins = logins;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("hub.connections", this.sessions, WebSocketSessions::count)
            .tag("scope", "instance")
            .description("Open WebSocket connections of this instance")
            .register(meters);
        Gauge.builder("hub.connections", this.registry, ConnectionRegistry::count)
            .tag("scope", "cluster")
            .description("Open connections of every instance, as this instance knows them")
            .register(meters);
        FunctionCounter.builder("hub.messages.received", this.messages, MessageCounter::total)
            .description("Messages clients sent to the hub")
            .register(meters);
        FunctionCounter.builder("hub.backplane.published", this.backplane, Backplane::published)
            .description("Messages published to the other instances")
            .register(meters);
        FunctionCounter.builder("hub.backplane.lost", this.backplane, Backplane::lost)
            .description("Messages for the other instances that never reached Redis")
            .register(meters);
        FunctionCounter.builder("hub.backplane.received", this.backplane, Backplane::received)
            .description("Messages received from the other instances")
            .register(meters);
        FunctionCounter.builder("hub.backplane.refused", this.backplane, Backplane::refused)
            .description("Messages on the backplane channel that were not backplane messages")
            .register(meters);
        Gauge.builder("hub.backplane.waiting", this.backplane, Backplane::waiting)
            .description("Messages waiting for Redis")
            .register(meters);
        Gauge.builder("hub.backplane.reachable", this.backplane, (backplane) -> backplane.isReachable() ? 1 : 0)
            .description("1 while this instance's messages reach Redis, else 0")
            .register(meters);
        FunctionCounter.builder("hub.logins.refused", this.logins, LoginRateLimiter::refused)
            .description("Logins refused because of too many failures")
            .register(meters);
    }

}
