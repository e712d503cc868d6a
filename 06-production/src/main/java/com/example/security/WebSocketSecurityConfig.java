package com.example.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.example.production.CloseAfterDisconnect;
import com.example.production.CloseOnTokenExpiry;
import com.example.production.WebSocketSessions;

/**
 * Security inside the WebSocket connection: the user who opened it becomes the security
 * context of each of its messages, so that {@code @PreAuthorize} protects a hub method
 * like any other method, as {@code [Authorize]} does in SignalR. A connection ends when
 * its token expires ({@link CloseOnTokenExpiry}) and once its DISCONNECT is answered
 * ({@link CloseAfterDisconnect}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSocketSecurityConfig implements WebSocketMessageBrokerConfigurer {

    private final WebSocketSessions sessions;

    private final CloseAfterDisconnect closeAfterDisconnect;

    WebSocketSecurityConfig(WebSocketSessions sessions, CloseAfterDisconnect closeAfterDisconnect) {
        this.sessions = sessions;
        this.closeAfterDisconnect = closeAfterDisconnect;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new SecurityContextChannelInterceptor());
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(this.closeAfterDisconnect);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(this.sessions);
    }

}
