package com.example.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import com.example.production.WebSocketSessions;

/**
 * Ends the relay's link to the broker for a client that leaves while the link is being
 * opened. The relay opens a link per client CONNECT and ends it on the client's
 * DISCONNECT, but it ignores a DISCONNECT that comes before the broker's CONNECTED, or
 * before the CONNECT itself (Spring hands the DISCONNECT of a closed WebSocket to the
 * relay at once, past the frames still waiting in order): the link would stay open with
 * nobody at its end. So from a CONNECT until the broker's answer, a DISCONNECT is held
 * here, and sent once the broker has answered; a CONNECT of a WebSocket already closed is
 * not passed on at all.
 */
@Configuration(proxyBeanMethods = false)
class ClosedClientLinks implements WebSocketMessageBrokerConfigurer {

    /** Where a link that is being opened stands. */
    private enum Link {

        /** The relay is opening it. */
        OPENING,
        /** Opening, and the client's DISCONNECT frame is held. */
        LEFT,
        /** Opening, and the DISCONNECT of the closed WebSocket, the last, is held. */
        CLOSED,
        /** Ended here; the DISCONNECT of the WebSocket, when it closes, is dropped. */
        ENDED

    }

    /**
     * The links being opened, by connection id, until the broker answers, or until the
     * WebSocket's DISCONNECT comes after that.
     */
    private final Map<String, Link> opening = new ConcurrentHashMap<>();

    private final WebSocketSessions sessions;

    private final ObjectProvider<MessageHandler> relay;

    // A provider: the relay is built from the configuration this is part of.
    ClosedClientLinks(WebSocketSessions sessions,
            @Qualifier("stompBrokerRelayMessageHandler") ObjectProvider<MessageHandler> relay) {
        this.sessions = sessions;
        this.relay = relay;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ExecutorChannelInterceptor() {

            @Override
            public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
                return (handler == ClosedClientLinks.this.relay.getObject()) ? toRelay(message) : message;
            }

        });
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {

            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                fromRelay(message.getHeaders());
                return message;
            }

        });
    }

    /**
     * Just before the relay handles a client's frame: the one that opens or ends a link.
     */
    private Message<?> toRelay(Message<?> message) {
        String connectionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        if (type == SimpMessageType.CONNECT) {
            this.opening.put(connectionId, Link.OPENING);
            // Checked after the entry is in place: a DISCONNECT that comes later is held.
            if (!this.sessions.isOpen(connectionId)) {
                this.opening.remove(connectionId);
                return null;
            }
        }
        else if (type == SimpMessageType.DISCONNECT) {
            // Spring sends its own once the WebSocket has left the open ones.
            boolean closed = !this.sessions.isOpen(connectionId);
            boolean[] held = new boolean[1];
            this.opening.computeIfPresent(connectionId, (id, link) -> {
                held[0] = true;
                if (link == Link.ENDED) {
                    return closed ? null : link;
                }
                return closed ? Link.CLOSED : Link.LEFT;
            });
            return held[0] ? null : message;
        }
        return message;
    }

    /**
     * The broker's answer to a client's CONNECT, passed on by the relay once it counts
     * the link as open: now a DISCONNECT ends it.
     */
    private void fromRelay(MessageHeaders headers) {
        StompCommand command = StompHeaderAccessor.getCommand(headers);
        String connectionId = SimpMessageHeaderAccessor.getSessionId(headers);
        if ((command != StompCommand.CONNECTED && command != StompCommand.ERROR) || connectionId == null) {
            return;
        }
        Link link = this.opening.get(connectionId);
        if (link == Link.OPENING || command == StompCommand.ERROR) {
            this.opening.remove(connectionId);
        }
        else if (link == Link.LEFT || link == Link.CLOSED) {
            // After a DISCONNECT frame, the WebSocket's is still to come: it is dropped,
            // not sent to a link already ending.
            this.opening.compute(connectionId, (id, held) -> (held == Link.LEFT) ? Link.ENDED : null);
            StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
            disconnect.setSessionId(connectionId);
            this.relay.getObject()
                .handleMessage(MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders()));
        }
    }

}
