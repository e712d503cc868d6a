package com.example.production;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Closes a connection once the server has answered the client's DISCONNECT frame. When a
 * client asks for a receipt, Spring sends the RECEIPT and leaves the WebSocket open: the
 * client could go on sending as its user, while the hub counts it as gone. It registers
 * itself on the outbound channel, where it is the only interceptor.
 */
@Component
public class CloseAfterDisconnect implements ExecutorChannelInterceptor, WebSocketMessageBrokerConfigurer {

    private final WebSocketSessions sessions;

    CloseAfterDisconnect(WebSocketSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(this);
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.DISCONNECT_ACK) {
            this.sessions.close(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), CloseStatus.NORMAL);
        }
    }

}
