package com.example.hub;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets Tomcat hand a long WebSocket message to the hub in pieces. Spring's STOMP decoder
 * joins the pieces and answers a frame over {@link WebSocketConfig#MAX_FRAME_BYTES} with
 * a STOMP ERROR frame, whatever its size. Without this, Tomcat itself closes the
 * connection (code 1009, no explanation) on any message larger than its 16 KiB buffer.
 */
class ChunkedFrames extends WebSocketHandlerDecorator {

    ChunkedFrames(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

}
