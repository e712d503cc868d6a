package com.example.broker;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

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
 * development ({@link LocalBroker}) on that port, which takes these logins only; a
 * passcode not given is generated for the run. Unless {@code allow-well-known-passcodes}
 * (the prod profile says no), a passcode anyone would try first is refused.
 */
@ConfigurationProperties("hub.broker")
@Validated
public record BrokerProperties(@NotBlank String host, @Min(1) @Max(65535) int port, boolean embedded,
        @NotBlank String systemLogin, String systemPasscode, @NotBlank String clientLogin, String clientPasscode,
        String virtualHost, boolean allowWellKnownPasscodes) {

    /** Brokers' default passcodes, and the first guesses of anyone who can reach one. */
    private static final Set<String> WELL_KNOWN = Set.of("guest", "admin", "password", "artemis", "rabbitmq",
            "changeme", "secret");

    public BrokerProperties {
        if (embedded) {
            systemPasscode = StringUtils.hasText(systemPasscode) ? systemPasscode : generatedPasscode();
            clientPasscode = StringUtils.hasText(clientPasscode) ? clientPasscode : generatedPasscode();
        }
        if (!StringUtils.hasText(systemPasscode) || !StringUtils.hasText(clientPasscode)) {
            throw new IllegalStateException("Set the relay's passcodes for the broker: hub.broker.system-passcode and "
                    + "hub.broker.client-passcode (HUB_BROKER_SYSTEM_PASSCODE and HUB_BROKER_CLIENT_PASSCODE "
                    + "under the prod profile).");
        }
        if (!allowWellKnownPasscodes) {
            refuseWellKnown(systemLogin, systemPasscode, "hub.broker.system-passcode (HUB_BROKER_SYSTEM_PASSCODE)");
            refuseWellKnown(clientLogin, clientPasscode, "hub.broker.client-passcode (HUB_BROKER_CLIENT_PASSCODE)");
        }
        // STOMP's host header: RabbitMQ reads it as its virtual host. None given, the
        // relay sends the broker's host name.
        virtualHost = StringUtils.hasText(virtualHost) ? virtualHost : null;
    }

    public LocalBroker.Logins logins() {
        return new LocalBroker.Logins(this.systemLogin, this.systemPasscode, this.clientLogin, this.clientPasscode);
    }

    private static void refuseWellKnown(String login, String passcode, String key) {
        if (WELL_KNOWN.contains(passcode.toLowerCase(Locale.ROOT)) || passcode.equals(login)) {
            throw new IllegalStateException("Set " + key + " to a secret of your own: a broker that takes a "
                    + "well-known passcode, or the login name, lets anyone who reaches it read and forge the hub's "
                    + "messages.");
        }
    }

    private static String generatedPasscode() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

}
