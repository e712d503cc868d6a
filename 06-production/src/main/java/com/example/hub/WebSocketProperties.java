package com.example.hub;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's WebSocket settings, {@code hub.websocket.*}.
 *
 * @param heartbeatInterval how often the broker and each client send a heartbeat when
 * they have nothing else to send
 * @param allowedOrigins origins, besides the app's own, whose pages may open the hub's
 * WebSocket (patterns)
 */
@ConfigurationProperties("hub.websocket")
@Validated
public record WebSocketProperties(@NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
        List<String> allowedOrigins) {

    public WebSocketProperties {
        allowedOrigins = (allowedOrigins != null) ? allowedOrigins : List.of();
    }

}
