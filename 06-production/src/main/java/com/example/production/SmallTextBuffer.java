package com.example.production;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Gives each connection back the small text buffer of {@link TransportTuning}. Spring's
 * STOMP support raises it to 16 Ki characters (32 KiB) as each connection opens, which
 * SockJS needs and this app, WebSocket only and reading long frames in pieces, does not:
 * 30 KiB saved per connection.
 */
class SmallTextBuffer extends WebSocketHandlerDecorator {

    SmallTextBuffer(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        session.setTextMessageSizeLimit(TransportTuning.RECEIVE_BUFFER);
    }

}
