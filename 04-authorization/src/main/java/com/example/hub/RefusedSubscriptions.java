package com.example.hub;

import java.security.Principal;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Takes the subscriptions the hub refuses back out of Spring's user registry. With the
 * receive order preserved, Spring hears only that a frame was queued, not that an
 * interceptor such as {@link DestinationGuard} dropped it: it announces every SUBSCRIBE
 * with a {@link SessionSubscribeEvent}, and the registry would keep each refused one's id
 * and destination, up to a whole frame of them, until the connection closes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedSubscriptions implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

    /**
     * Each open connection's SUBSCRIBE frames that one side has seen and the other not
     * yet. Both see a connection's frames in the order it sent them.
     */
    private final Map<String, Pending> connections = new ConcurrentHashMap<>();

    private final ApplicationEventPublisher events;

    RefusedSubscriptions(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // The registry records each subscription before this class hears of it.
        registry.setUserRegistryOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // First, to hear whether any later interceptor drops a frame.
        registration.interceptors(this);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        MessageHeaders headers = message.getHeaders();
        if (SimpMessageHeaderAccessor.getMessageType(headers) == SimpMessageType.CONNECT) {
            this.connections.putIfAbsent(SimpMessageHeaderAccessor.getSessionId(headers), new Pending());
        }
        return message;
    }

    /**
     * Called for every frame once the interceptors after this one let it through or not.
     */
    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        MessageHeaders headers = message.getHeaders();
        if (SimpMessageHeaderAccessor.getMessageType(headers) == SimpMessageType.SUBSCRIBE) {
            String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
            match(headers, (pending) -> pending.judged(sent ? null : subscriptionId));
        }
    }

    /** Runs after the registry has recorded the subscription. */
    @EventListener
    void recorded(SessionSubscribeEvent event) {
        match(event.getMessage().getHeaders(), Pending::recorded);
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        this.connections.remove(event.getSessionId());
    }

    private void match(MessageHeaders headers, Function<Pending, String> step) {
        String connectionId = SimpMessageHeaderAccessor.getSessionId(headers);
        Pending pending = (connectionId != null) ? this.connections.get(connectionId) : null;
        if (pending == null) {
            return;
        }
        String refused;
        synchronized (pending) {
            refused = step.apply(pending);
        }
        if (refused != null) {
            this.events.publishEvent(new SessionUnsubscribeEvent(this,
                    unsubscribe(connectionId, refused, SimpMessageHeaderAccessor.getUser(headers)),
                    SimpMessageHeaderAccessor.getUser(headers)));
        }
    }

    private static Message<byte[]> unsubscribe(String connectionId, String subscriptionId, Principal user) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
        headers.setSessionId(connectionId);
        headers.setSubscriptionId(subscriptionId);
        headers.setUser(user);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    /**
     * A connection's SUBSCRIBE frames judged but not yet recorded, or the number recorded
     * but not yet judged: whichever side comes second ends a refused subscription.
     */
    private static final class Pending {

        private final Queue<Verdict> judged = new ArrayDeque<>();

        private int recorded;

        /** The subscription to end, if the registry has recorded it already. */
        String judged(String refusedId) {
            if (this.recorded > 0) {
                this.recorded--;
                return refusedId;
            }
            this.judged.add(new Verdict(refusedId));
            return null;
        }

        /** The subscription to end, if the interceptors refused it already. */
        String recorded() {
            Verdict verdict = this.judged.poll();
            if (verdict == null) {
                this.recorded++;
                return null;
            }
            return verdict.refusedId();
        }

    }

    /** The id of a refused subscription, or {@code null} for one let through. */
    private record Verdict(String refusedId) {
    }

}
