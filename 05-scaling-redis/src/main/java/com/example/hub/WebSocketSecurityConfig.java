package com.example.hub;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Security inside the WebSocket connection. The user who opened the connection becomes
 * the security context of each of its messages, so that {@code @PreAuthorize} protects
 * hub methods like any other method; and a connection ends when its token expires.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSocketSecurityConfig implements WebSocketMessageBrokerConfigurer {

    private final CloseOnTokenExpiry closeOnTokenExpiry;

    WebSocketSecurityConfig(CloseOnTokenExpiry closeOnTokenExpiry) {
        this.closeOnTokenExpiry = closeOnTokenExpiry;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new SecurityContextChannelInterceptor());
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(this.closeOnTokenExpiry);
    }

}
