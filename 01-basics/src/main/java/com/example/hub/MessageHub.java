package com.example.hub;

import java.time.Instant;

import jakarta.validation.Valid;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * The hub: clients call a method by sending to {@code /app/<method name>}. The connection
 * id is the STOMP session id that Spring gives every WebSocket connection.
 */
@Controller
class MessageHub {

    @MessageMapping("/sendMessageToAll")
    @SendTo("/topic/messages")
    HubMessage sendMessageToAll(@Valid SendMessageRequest request,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId) {
        return new HubMessage(connectionId, request.text(), "all", Instant.now());
    }

    /** Replies once, to the subscriber only, with the id of its connection. */
    @SubscribeMapping("/connectionId")
    ConnectionInfo connectionId(@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId) {
        return new ConnectionInfo(connectionId);
    }

    /** Catches a send to any {@code /app} destination that no method above handles. */
    @MessageMapping("/**")
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    HubError unknownMethod(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
        return new HubError("unknown-method", "The hub has no method at " + destination + ".");
    }

}
