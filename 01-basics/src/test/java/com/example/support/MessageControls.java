package com.example.support;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Test configuration that gives tests a hand on the messages clients send: it swallows
 * any message whose body contains {@link #UNANSWERED}, as a hub that never got to answer
 * would. {@link HubControls} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MessageControls implements WebSocketMessageBrokerConfigurer {

    /** A message containing this reaches no hub method and gets no answer. */
    public static final String UNANSWERED = "[never answered]";

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {

            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                boolean unanswered = message.getPayload() instanceof byte[] body
                        && new String(body, StandardCharsets.UTF_8).contains(UNANSWERED);
                return unanswered ? null : message;
            }

        });
    }

}
