package com.example.production;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Caps the connections one user may have open on this instance. Each costs memory and a
 * connection to the broker, is listed on every page and is announced to the other
 * instances with its groups: one account's script holding hundreds of connections would
 * cost every user. A connection over the cap gets a STOMP {@code ERROR} frame, which the
 * page shows, and is closed before the hub hears of it: it is never listed, and nothing
 * it sends is handled. It registers itself as a decorator of every connection; the order
 * among the decorators does not matter, as it refuses before any of them has sent a
 * frame.
 */
@Component
class ConnectionLimit implements WebSocketHandlerDecoratorFactory, WebSocketMessageBrokerConfigurer {

    static final String ERROR = "too-many-connections";

    /** Close code 1008, policy violation, after the ERROR frame. */
    static final CloseStatus TOO_MANY = CloseStatus.POLICY_VIOLATION.withReason("Too many connections");

    /** Marks, in the session's attributes, a connection that was refused. */
    private static final String REFUSED = ConnectionLimit.class.getName() + ".refused";

    /** How many connections each user has open on this instance. */
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();

    private final int max;

    private final TextMessage refusal;

    ConnectionLimit(LimitsProperties limits, JsonMapper json) {
        this.max = limits.connectionsPerUser();
        this.refusal = errorFrame(new Refusal(ERROR, "You have " + this.max
                + " connections open on this server, the most one user may have. Close one, and this one connects."),
                json);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(this);
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                if (admit(session.getPrincipal().getName())) {
                    super.afterConnectionEstablished(session);
                }
                else {
                    refuse(session);
                }
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                // What a refused client sent before it heard is dropped.
                if (!isRefused(session)) {
                    super.handleMessage(session, message);
                }
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                if (!isRefused(session)) {
                    release(session.getPrincipal().getName());
                    super.afterConnectionClosed(session, status);
                }
            }

        };
    }

    /** Counts the connection for its user, unless the user has the most already. */
    private boolean admit(String user) {
        AtomicBoolean admitted = new AtomicBoolean();
        this.connections.compute(user, (name, open) -> {
            int count = (open != null) ? open : 0;
            admitted.set(count < this.max);
            return admitted.get() ? count + 1 : open;
        });
        return admitted.get();
    }

    private void release(String user) {
        this.connections.computeIfPresent(user, (name, open) -> (open > 1) ? open - 1 : null);
    }

    /**
     * Says why, as a STOMP ERROR frame, and closes. Nothing else has been sent on the
     * connection yet, so this write cannot overlap another.
     */
    private void refuse(WebSocketSession session) throws IOException {
        session.getAttributes().put(REFUSED, true);
        session.sendMessage(this.refusal);
        session.close(TOO_MANY);
    }

    private static boolean isRefused(WebSocketSession session) {
        return session.getAttributes().containsKey(REFUSED);
    }

    /**
     * The frame's {@code message} header is the sentence the page shows; its body is the
     * error as the hub's errors are.
     */
    private static TextMessage errorFrame(Refusal error, JsonMapper json) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
        headers.setMessage(error.detail());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(error);
        return new TextMessage(
                new StompEncoder().encode(MessageBuilder.createMessage(body, headers.getMessageHeaders())));
    }

    /** The body of the refusal, in the shape of the hub's errors. */
    private record Refusal(String error, String detail) {

    }

}
