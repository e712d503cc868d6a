package com.example.production;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.example.cluster.Backplane;
import com.example.cluster.InstanceName;
import com.example.hub.ConnectionRegistry;

/**
 * The {@code backplane} entry of {@code /actuator/health}: whether this instance's
 * messages reach the other instances, its name, and how many connections it holds itself.
 */
@Component
class BackplaneHealthIndicator implements HealthIndicator {

    private final Backplane backplane;

    private final ConnectionRegistry registry;

    private final InstanceName instance;

    BackplaneHealthIndicator(Backplane backplane, ConnectionRegistry registry, InstanceName instance) {
        this.backplane = backplane;
        this.registry = registry;
        this.instance = instance;
    }

    @Override
    public Health health() {
        Health.Builder health = this.backplane.isReachable() ? Health.up()
                : Health.down().withDetail("delivery", "local only: Redis is unreachable");
        return health.withDetail("instance", this.instance.value())
            .withDetail("connections", this.registry.localConnections().size())
            .build();
    }

}
