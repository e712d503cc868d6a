package com.example.announcements;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The statistics service's settings, {@code hub.stats.*}.
 *
 * @param interval how often the service looks at the hub's statistics; it publishes only
 * changes
 */
@ConfigurationProperties("hub.stats")
@Validated
public record StatsProperties(@NotNull @DurationMin(millis = 1) Duration interval) {

}
