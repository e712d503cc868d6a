package com.example.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;

/**
 * The message broker: this instance's name, where the broker is, where it holds a
 * connection's own destinations, and a local broker when {@code hub.broker.embedded} asks
 * for one.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfig {

    @Bean
    InstanceName instanceName(InstanceProperties instance) {
        return InstanceName.of(instance.name());
    }

    /**
     * Spring's resolver of {@code /user} destinations, with {@link ConnectionTopics}'
     * names for a connection's destinations on the broker: its prefix and settings kept.
     */
    @Bean
    static BeanPostProcessor connectionTopics() {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DefaultUserDestinationResolver spring && !(bean instanceof ConnectionTopics)) {
                    ConnectionTopics topics = new ConnectionTopics(spring.getSimpUserRegistry());
                    topics.setUserDestinationPrefix(spring.getDestinationPrefix());
                    topics.setRemoveLeadingSlash(spring.isRemoveLeadingSlash());
                    return topics;
                }
                return bean;
            }

        };
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
            return LocalBroker.startOrReuse(broker.port(), broker.logins());
        }

    }

}
