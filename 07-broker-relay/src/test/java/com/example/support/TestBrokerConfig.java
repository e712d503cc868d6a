package com.example.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Test configuration that gives the app a message broker of its own, stopped after the
 * app's relay has disconnected from it. {@link HubControls} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBrokerConfig {

    @Bean(destroyMethod = "close")
    TestBroker testBroker() {
        return TestBroker.start();
    }

    /** The relay connects to the test's broker, with its logins. */
    @Bean
    DynamicPropertyRegistrar testBrokerPort(TestBroker broker) {
        return (properties) -> {
            properties.add("hub.broker.port", broker::port);
            properties.add("hub.broker.system-login", broker.logins()::systemLogin);
            properties.add("hub.broker.system-passcode", broker.logins()::systemPasscode);
            properties.add("hub.broker.client-login", broker.logins()::clientLogin);
            properties.add("hub.broker.client-passcode", broker.logins()::clientPasscode);
        };
    }

}
