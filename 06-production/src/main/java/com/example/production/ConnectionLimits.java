package com.example.production;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Plugs the per-user and per-connection limits into the WebSocket transport and the
 * frames that clients send.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionLimits implements WebSocketMessageBrokerConfigurer {

    private final ConnectionLimit connectionLimit;

    private final GroupNameLimit groupNameLimit;

    ConnectionLimits(ConnectionLimit connectionLimit, GroupNameLimit groupNameLimit) {
        this.connectionLimit = connectionLimit;
        this.groupNameLimit = groupNameLimit;
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(this.connectionLimit);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(this.groupNameLimit);
    }

}
