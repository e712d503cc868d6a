package com.example.production;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The login limit's settings, {@code hub.token.login-*}.
 *
 * @param loginFailures after this many failed logins for one user from one address within
 * the window, further attempts from that address are refused until the oldest failure
 * leaves it
 * @param loginFailuresPerUser after this many failed logins for one user from all
 * addresses together within the window, further attempts from any address are refused
 * @param loginWindow how long a failure counts
 */
@ConfigurationProperties("hub.token")
@Validated
public record LoginLimitProperties(@Min(1) int loginFailures, @Min(1) int loginFailuresPerUser,
        @NotNull @DurationMin(seconds = 1) Duration loginWindow) {

}
