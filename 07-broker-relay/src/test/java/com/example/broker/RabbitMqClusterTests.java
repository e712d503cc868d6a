package com.example.broker;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.example.hub.ConnectionRegistry;
import com.example.support.HubTestClient;
import com.example.support.TestRabbitMq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ClusterTests} against RabbitMQ, the broker the Spring reference documentation
 * relays to: the same app, configured for its default virtual host "/". Runs where
 * {@code rabbitmq-server} is installed, and is skipped elsewhere.
 */
@EnabledIf("com.example.support.TestRabbitMq#isInstalled")
class RabbitMqClusterTests extends ClusterTests {

    // Hides ClusterTests' method of the same name, which JUnit then does not run.
    @BeforeAll
    static void startInstances() {
        startInstancesOn(TestRabbitMq.start());
    }

    /**
     * RabbitMQ keeps a {@code /queue/} destination's queue, durable, until someone
     * deletes it: one per connection, had the hub sent a connection's messages there. On
     * topics, each subscription's queue goes with the subscription.
     */
    @Test
    void nothingOutlivesAConnectionOnTheBroker() throws Exception {
        TestRabbitMq rabbit = (TestRabbitMq) broker;
        // Once the earlier tests' clients are gone, RabbitMQ holds the two instances' own
        // subscriptions (to the membership destination) only.
        await().atMost(HubTestClient.TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> rabbit.queues().size() == 2);
        List<String> before = rabbit.queues();
        try (HubTestClient alice = HubTestClient.connect(a.port(), "alice", "/topic/messages", "/user/queue/messages");
                HubTestClient bob = HubTestClient.connect(b.port(), "bob", "/topic/messages")) {
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> b.bean(ConnectionRegistry.class).contains(alice.connectionId()));
            bob.send("/app/sendMessageToConnection",
                    "{\"connectionId\":\"" + alice.connectionId() + "\",\"text\":\"private\"}");
            alice.awaitReceived("/user/queue/messages", 1);
            assertThat(rabbit.queues()).as("a queue per subscription of alice's and bob's").hasSize(5);
        }
        await().atMost(HubTestClient.TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(rabbit.queues()).containsExactlyInAnyOrderElementsOf(before));
        assertThat(before).allSatisfy((queue) -> assertThat(queue).endsWith(" false true"));
    }

}
