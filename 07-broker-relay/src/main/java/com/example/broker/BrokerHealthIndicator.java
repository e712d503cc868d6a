package com.example.broker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.example.hub.ConnectionRegistry;

/**
 * The {@code broker} entry of {@code /actuator/health}: whether the relay is connected to
 * the message broker, without which no client of this instance can connect or receive.
 */
@Component
class BrokerHealthIndicator implements HealthIndicator {

    private final MembershipChannel membership;

    private final ConnectionRegistry registry;

    private final InstanceName instance;

    BrokerHealthIndicator(MembershipChannel membership, ConnectionRegistry registry, InstanceName instance) {
        this.membership = membership;
        this.registry = registry;
        this.instance = instance;
    }

    @Override
    public Health health() {
        Health.Builder health = this.membership.isReachable() ? Health.up()
                : Health.down().withDetail("delivery", "none: the message broker is unreachable");
        return health.withDetail("instance", this.instance.value())
            .withDetail("connections", this.registry.localConnections().size())
            .build();
    }

}
