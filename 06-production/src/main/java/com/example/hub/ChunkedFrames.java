package com.example.hub;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets Tomcat hand a long WebSocket message to the hub in pieces. Spring's STOMP decoder
 * joins the pieces and answers a frame over {@link WebSocketConfig#MAX_FRAME_BYTES} with
 * a STOMP ERROR frame, whatever its size. Without this, Tomcat itself closes the
 * connection (code 1009, no explanation) on any message larger than its 16 KiB buffer.
 */
public class ChunkedFrames extends WebSocketHandlerDecorator {

    /**
     * Tomcat's receive buffers per connection, in characters (text) or bytes (binary).
     */
    public static final int BUFFER_CHARS = 1024;

    ChunkedFrames(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        // Spring's STOMP support has just raised the text buffer to 16 Ki characters
        // (32 KiB), which SockJS needs and this app, WebSocket only and reading in
        // pieces, does not: 30 KiB saved per connection.
        session.setTextMessageSizeLimit(BUFFER_CHARS);
    }

}
