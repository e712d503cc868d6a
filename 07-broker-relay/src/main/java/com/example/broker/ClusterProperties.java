package com.example.broker;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster's settings, {@code hub.cluster.*}.
 *
 * @param presenceInterval how often each instance tells the others it is alive and which
 * connections it has; an instance silent for three intervals is taken for gone
 */
@ConfigurationProperties("hub.cluster")
@Validated
public record ClusterProperties(@NotNull @DurationMin(millis = 1) Duration presenceInterval) {

}
