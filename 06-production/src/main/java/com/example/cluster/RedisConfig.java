package com.example.cluster;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis for the backplane: this instance's name, the subscription to the backplane's
 * channel, and a local Redis when none is configured.
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
