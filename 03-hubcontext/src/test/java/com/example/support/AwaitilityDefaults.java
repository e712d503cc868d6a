package com.example.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How every wait of the tests polls, set before each test class runs (JUnit finds this
 * extension in {@code META-INF/services}, as {@code junit-platform.properties} allows):
 * at once and then every 10 ms, not after Awaitility's 100 ms, since frames and pages
 * change within milliseconds on loopback. A wait that needs more time says so with its
 * own {@code atMost}.
 */
public class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

}
