package com.example.cluster;

import java.io.IOException;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis for the backplane: this instance's name, the subscription to the backplane's
 * channel, the client's behaviour while Redis is down, and a local Redis when none is
 * configured.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    @Bean
    InstanceName instanceName(InstanceProperties instance) {
        return InstanceName.of(instance.name());
    }

    /**
     * Delivers the channel's messages one after another on one thread, in the order Redis
     * sent them, and subscribes again within a second of Redis coming back.
     */
    @Bean
    RedisMessageListenerContainer backplaneSubscription(RedisConnectionFactory connectionFactory, Backplane backplane) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        container.setTaskExecutor(new SyncTaskExecutor());
        container.setRecoveryInterval(1000);
        container.addMessageListener(backplane, new ChannelTopic(Backplane.CHANNEL));
        return container;
    }

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

    /** Starts, or finds, a Redis on localhost:6379 when none is configured. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NoRedisConfiguredCondition.class)
    static class LocalRedisConfig {

        private static final Logger logger = LoggerFactory.getLogger(LocalRedisConfig.class);

        @Bean(destroyMethod = "close")
        LocalRedis localRedis() throws IOException {
            logger.info("No Redis configured (spring.data.redis.host, port, url, sentinel or cluster): "
                    + "using a local Redis for development.");
            return LocalRedis.startOrReuse(LocalRedis.DEFAULT_PORT);
        }

        @Bean
        DataRedisConnectionDetails localRedisConnectionDetails(LocalRedis localRedis) {
            return new DataRedisConnectionDetails() {

                @Override
                public Standalone getStandalone() {
                    return Standalone.of("localhost", localRedis.port());
                }

            };
        }

    }

}
