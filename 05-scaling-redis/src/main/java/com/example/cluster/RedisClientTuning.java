package com.example.cluster;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce, the Redis client, tuned for the backplane while Redis is down: through
 * customizers that Spring Boot applies to the client it builds.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientTuning {

    /**
     * While Redis is unreachable, fail a command at once instead of queueing it until
     * Redis returns: the backplane's thread must not wait for Redis either.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * After Redis went away, try to reconnect every half second, not with Lettuce's
     * default back-off of up to 30 seconds: the backplane should be back within seconds.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectQuickly() {
        return (resources) -> resources.reconnectDelay(Delay.constant(Duration.ofMillis(500)));
    }

}
