package com.example.production;

import jakarta.websocket.Session;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Bounds how long one send to a client may take. A client that stops reading (a stalled
 * network, a frozen tab) makes Tomcat's write wait, and the waiting thread is one of the
 * few that send to every client. Tomcat gives up such a write after this time, 20 seconds
 * by default, and Spring then closes that connection; the other clients go on.
 */
class SendTimeLimit extends WebSocketHandlerDecorator {

    static final long MILLIS = 2000;

    /** Tomcat's per-connection setting for how long a blocked write may wait. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    SendTimeLimit(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        if (session instanceof NativeWebSocketSession wrapper
                && wrapper.getNativeSession() instanceof Session tomcatSession) {
            tomcatSession.getUserProperties().put(TOMCAT_SEND_TIMEOUT, MILLIS);
        }
        super.afterConnectionEstablished(session);
    }

}
