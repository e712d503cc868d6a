package com.example.production;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import com.example.announcements.MessageCounter;
import com.example.broker.MembershipChannel;
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

    private final MembershipChannel membership;

    private final LoginRateLimiter logins;

    HubMetrics(WebSocketSessions sessions, ConnectionRegistry registry, MessageCounter messages,
            MembershipChannel membership, LoginRateLimiter logins) {
        this.sessions = sessions;
        this.registry = registry;
        this.messages = messages;
        this.membership = membership;
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
        FunctionCounter.builder("hub.membership.published", this.membership, MembershipChannel::published)
            .description("Messages about this instance's connections published to the other instances")
            .register(meters);
        FunctionCounter.builder("hub.membership.lost", this.membership, MembershipChannel::lost)
            .description("Messages for the other instances that never reached the broker")
            .register(meters);
        FunctionCounter.builder("hub.membership.received", this.membership, MembershipChannel::received)
            .description("Messages received from the other instances")
            .register(meters);
        FunctionCounter.builder("hub.membership.refused", this.membership, MembershipChannel::refused)
            .description("Messages on the membership destination that were not membership messages")
            .register(meters);
        Gauge.builder("hub.broker.reachable", this.membership, (membership) -> membership.isReachable() ? 1 : 0)
            .description("1 while the relay's system connection to the broker is up, else 0")
            .register(meters);
        FunctionCounter.builder("hub.logins.refused", this.logins, LoginRateLimiter::refused)
            .description("Logins refused because of too many failures")
            .register(meters);
    }

}
