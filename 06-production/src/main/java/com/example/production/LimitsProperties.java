package com.example.production;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What one user or one connection may hold on an instance, {@code hub.limits.*}.
 *
 * @param connectionsPerUser how many connections one user may have open on this instance
 * at once ({@link ConnectionLimit})
 * @param groupNameCharacters how many characters the names of a connection's groups may
 * have together ({@link GroupNameLimit}); at least one name of the longest kind, 64
 */
@ConfigurationProperties("hub.limits")
@Validated
public record LimitsProperties(@Min(1) int connectionsPerUser, @Min(64) int groupNameCharacters) {

}
