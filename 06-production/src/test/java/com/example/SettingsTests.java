package com.example;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;

import com.example.support.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A {@code hub.*} setting that the app cannot work with stops start-up, and Spring Boot's
 * report names the key, the value and what is wrong with it, as the
 * {@code @ConfigurationProperties} records' constraints say.
 */
class SettingsTests {

    @ParameterizedTest
    @CsvSource({ "hub.stats.interval=-1s, hub.stats.interval", "hub.token.issuer=, hub.token.issuer",
            "hub.token.lifetime=0s, hub.token.lifetime",
            "hub.cluster.presence-interval=0s, hub.cluster.presence-interval",
            "hub.token.login-failures=0, hub.token.login-failures",
            "hub.limits.connections-per-user=0, hub.limits.connections-per-user",
            "hub.limits.group-name-characters=63, hub.limits.group-name-characters",
            "hub.websocket.heartbeat-interval=-5s, hub.websocket.heartbeat-interval" })
    void aBadValueStopsStartUpWithAReportNamingTheKey(String setting, String key) {
        // The app this test starts would set logging up afresh, undoing the capture.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try (CapturedLog log = CapturedLog.everything(Level.ERROR)) {
            assertThatException().isThrownBy(
                    () -> new SpringApplicationBuilder(HubApplication.class).run("--server.port=0", "--" + setting));

            assertThat(String.join("\n", log.lines())).contains("APPLICATION FAILED TO START")
                .contains("Origin: \"" + key + "\"")
                .contains("Reason: ");
        }
        finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
    }

}
