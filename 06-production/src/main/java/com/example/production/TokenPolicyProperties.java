package com.example.production;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The token settings the production package adds under {@code hub.token}, beside chapter
 * 04's {@code TokenProperties}: how often a login may fail, how long a login can be
 * refreshed, and whether the development key pair may sign tokens.
 *
 * @param loginFailures after this many failed logins for one user from one address within
 * the window, further attempts from that address are refused until the oldest failure
 * leaves it
 * @param loginFailuresPerUser after this many failed logins for one user from all
 * addresses together within the window, further attempts from any address are refused
 * @param loginWindow how long a failure counts
 * @param maxSession how long after logging in a token can still be refreshed
 * @param allowDevelopmentKeys whether the app may start with the development key pair
 */
@ConfigurationProperties("hub.token")
@Validated
public record TokenPolicyProperties(@Min(1) int loginFailures, @Min(1) int loginFailuresPerUser,
        @NotNull @DurationMin(seconds = 1) Duration loginWindow, @NotNull @DurationMin(seconds = 1) Duration maxSession,
        boolean allowDevelopmentKeys) {

}
