package com.example.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Security inside the WebSocket connection: the user who opened it becomes the security
 * context of each of its messages, so that {@code @PreAuthorize} protects a hub method
 * like any other method, as {@code [Authorize]} does in SignalR.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSocketSecurityConfig implements WebSocketMessageBrokerConfigurer {

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new SecurityContextChannelInterceptor());
    }

}
