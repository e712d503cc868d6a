package com.example.broker;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LoggingSystem;

import com.example.production.DevelopmentKeyCheck;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the instructor notes promise the demo's terminals show while the broker and two
 * instances start and two pages connect, subscribe and chat: no warning and no error but
 * the development keys' one warning per instance. The broker logs at WARN, as
 * {@code LocalBroker.main} sets it in the demo's broker terminal (Artemis warned of a
 * reset connection at start and of a missing dead-letter and expiry address on every
 * subscription, until the broker was configured not to).
 */
class QuietDemoTests {

    private static final Logger ARTEMIS = (Logger) LoggerFactory.getLogger("org.apache.activemq");

    /**
     * Quiet in the tests' settings (config/application.properties), not in the demo's.
     */
    private static final Logger DEVELOPMENT_KEYS = (Logger) LoggerFactory.getLogger(DevelopmentKeyCheck.class);

    @Test
    void theBrokerAndTwoInstancesStartAndServeTwoPagesWithoutAWarning() throws Exception {
        Level artemisBefore = ARTEMIS.getLevel();
        Level developmentKeysBefore = DEVELOPMENT_KEYS.getLevel();
        // Spring Boot would set its logging up again for each instance, and drop what
        // captures the log: here the levels stay as the test sets them.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try (CapturedLog log = CapturedLog.everything(Level.WARN); TestBroker broker = TestBroker.start()) {
            // As the demo's terminals have them, whatever tests ran before in this JVM
            // set.
            ARTEMIS.setLevel(Level.WARN);
            DEVELOPMENT_KEYS.setLevel(Level.WARN);
            try (HubInstance a = HubInstance.start("quiet-a", broker);
                    HubInstance b = HubInstance.start("quiet-b", broker)) {
                String[] thePagesTopics = { "/topic/messages", "/topic/connections", "/topic/stats",
                        "/user/queue/messages", "/user/queue/replies", "/user/queue/groups", "/user/queue/errors" };
                HubTestClient alice = HubTestClient.connect(a.port(), "alice", thePagesTopics);
                HubTestClient bob = HubTestClient.connect(b.port(), "bob", thePagesTopics);
                alice.send("/app/sendMessageToAll", "{\"text\":\"hello\"}");
                bob.awaitReceived("/topic/messages", 1);
                HubTestClient.settle(bob, List.of(alice, bob));

                // Each instance says once that it signs tokens with the development keys
                // (DevelopmentKeyCheck): the notes tell the instructor to point it out.
                assertThat(log.lines())
                    .filteredOn((line) -> line.startsWith("WARN Signing access tokens with the DEVELOPMENT"))
                    .hasSize(2);
                assertThat(log.lines())
                    .filteredOn((line) -> !line.startsWith("WARN Signing access tokens with the DEVELOPMENT"))
                    .isEmpty();
                alice.close();
                bob.close();
            }
        }
        finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            ARTEMIS.setLevel(artemisBefore);
            DEVELOPMENT_KEYS.setLevel(developmentKeysBefore);
        }
    }

}
