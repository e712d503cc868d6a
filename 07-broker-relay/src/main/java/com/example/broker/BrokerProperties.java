package com.example.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Where the message broker is and how the relay logs in to it, from {@code hub.broker.*}:
 * the "system" login for the relay's own connection, the client login for the connection
 * it opens for each client. With {@code embedded}, the app starts a broker of its own for
 * development ({@link LocalBroker}) on that port.
 */
@ConfigurationProperties("hub.broker")
@Validated
public record BrokerProperties(@NotBlank String host, @Min(1) @Max(65535) int port, boolean embedded,
        String systemLogin, String systemPasscode, String clientLogin, String clientPasscode, String virtualHost) {

    public BrokerProperties {
        if (!StringUtils.hasText(systemPasscode) || !StringUtils.hasText(clientPasscode)) {
            throw new IllegalStateException("Set the relay's passcodes for the broker: hub.broker.system-passcode and "
                    + "hub.broker.client-passcode (HUB_BROKER_SYSTEM_PASSCODE and HUB_BROKER_CLIENT_PASSCODE "
                    + "under the prod profile).");
        }
        // STOMP's host header: RabbitMQ reads it as its virtual host. None given, the
        // relay sends the broker's host name.
        virtualHost = StringUtils.hasText(virtualHost) ? virtualHost : null;
    }

}
