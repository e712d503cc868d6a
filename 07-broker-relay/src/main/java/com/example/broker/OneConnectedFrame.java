package com.example.broker;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * With two brokers, both answer a client's CONNECT: the relay with the message broker's
 * CONNECTED frame, the simple broker with one of its own. A client must get one, the
 * message broker's, which carries the heartbeats that broker agreed to: the simple
 * broker's is dropped on its way out.
 */
public class OneConnectedFrame implements ChannelInterceptor {

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        return (type == SimpMessageType.CONNECT_ACK) ? null : message;
    }

}
