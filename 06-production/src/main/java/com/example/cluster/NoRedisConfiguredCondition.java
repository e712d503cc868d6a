package com.example.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches when none of the ways of naming a Redis server is configured: no
 * {@code spring.data.redis.host}, {@code port}, {@code url}, sentinel or cluster.
 */
class NoRedisConfiguredCondition extends NoneNestedConditions {

    NoRedisConfiguredCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("spring.data.redis.host")
    static class Host {

    }

    @ConditionalOnProperty("spring.data.redis.port")
    static class Port {

    }

    @ConditionalOnProperty("spring.data.redis.url")
    static class Url {

    }

    @ConditionalOnProperty("spring.data.redis.sentinel.master")
    static class Sentinel {

    }

    @ConditionalOnProperty("spring.data.redis.cluster.nodes")
    static class Cluster {

    }

}
