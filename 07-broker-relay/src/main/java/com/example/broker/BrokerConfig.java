package com.example.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.cluster.InstanceName;
import com.example.cluster.InstanceProperties;

/**
 * The message broker: this instance's name, where the broker is, and a local broker when
 * {@code hub.broker.embedded} asks for one.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfig {

    @Bean
    InstanceName instanceName(InstanceProperties instance) {
        return InstanceName.of(instance.name());
    }

    /**
     * Starts, or finds, a broker on localhost at {@code hub.broker.port}. The relay
     * connects only once every bean is created, so it finds the broker running.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("hub.broker.embedded")
    static class LocalBrokerConfig {

        private static final Logger logger = LoggerFactory.getLogger(LocalBrokerConfig.class);

        @Bean(destroyMethod = "close")
        LocalBroker localBroker(BrokerProperties broker) throws Exception {
            logger.info("hub.broker.embedded is true: using a local broker for development.");
            return LocalBroker.startOrReuse(broker.port());
        }

    }

}
