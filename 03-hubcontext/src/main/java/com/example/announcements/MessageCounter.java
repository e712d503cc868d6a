package com.example.announcements;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Counts the messages clients send to the hub, as they pass the client inbound channel. A
 * {@link LongAdder} keeps the count cheap when many threads add at once.
 */
@Component
public class MessageCounter implements ChannelInterceptor {

    private final LongAdder received = new LongAdder();

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
            this.received.increment();
        }
        return message;
    }

    /** Messages received since the app started. */
    public long total() {
        return this.received.sum();
    }

}
