package com.example.hub;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses, with 403, a handshake whose {@code Origin} header is not an address at all,
 * such as {@code http://127.0.0.1:x}. Spring's same-origin check, which runs next, would
 * fail on it with an exception and answer 500.
 */
class OriginHeaderCheck implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null || isAddress(origin)) {
            return true;
        }
        response.setStatusCode(HttpStatus.FORBIDDEN);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    private static boolean isAddress(String origin) {
        try {
            UriComponentsBuilder.fromUriString(origin).build();
            return true;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
