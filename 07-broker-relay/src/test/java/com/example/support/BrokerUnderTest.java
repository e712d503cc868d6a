package com.example.support;

import com.example.broker.LocalBroker;

/**
 * A STOMP broker that the tests start, and what the app needs to reach it: ActiveMQ
 * Artemis ({@link TestBroker}) everywhere, RabbitMQ ({@link TestRabbitMq}) where it is
 * installed.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** The broker's STOMP port on localhost. */
    int port();

    /**
     * What a client sends as the CONNECT frame's {@code host} header: RabbitMQ takes it
     * for its virtual host, Artemis does not look at it.
     */
    String host();

    /** The logins the broker takes for the relay. */
    LocalBroker.Logins logins();

    @Override
    void close();

}
