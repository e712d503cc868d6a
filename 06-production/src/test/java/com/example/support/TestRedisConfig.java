package com.example.support;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test configuration that gives the app a Redis of its own, stopped after the app has
 * said goodbye to it. {@link HubControls} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRedisConfig {

    @Bean(destroyMethod = "close")
    TestRedis testRedis() {
        return TestRedis.start();
    }

    /** Spring Data Redis connects here; closing the app closes that connection first. */
    @Bean
    DataRedisConnectionDetails testRedisConnection(TestRedis redis) {
        return new DataRedisConnectionDetails() {

            @Override
            public Standalone getStandalone() {
                return Standalone.of("localhost", redis.port());
            }

        };
    }

}
