package com.example.hub;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses, with 403, a handshake whose {@code Origin} header is not an origin as browsers
 * write it (RFC 6454): {@code http} or {@code https}, {@code ://}, a host, perhaps a
 * port, and nothing else. Spring's same-origin check, which runs next, would fail with an
 * exception (a 500) on {@code http://127.0.0.1:x}, and would accept
 * {@code http://evil@127.0.0.1:8080} or {@code http://127.0.0.1:8080/chat}, since it
 * compares only the scheme, the host and the port.
 */
class OriginHeaderCheck implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null || isOrigin(origin)) {
            return true;
        }
        response.setStatusCode(HttpStatus.FORBIDDEN);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    /**
     * Whether the header reads exactly as its scheme, host and port written back: no user
     * part, path, query, fragment or space can hide in it.
     */
    private static boolean isOrigin(String origin) {
        try {
            UriComponents uri = UriComponentsBuilder.fromUriString(origin).build();
            String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && !uri.getHost().isEmpty() && origin.equals(uri.getScheme() + "://" + uri.getHost() + port);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
