package com.example.hub;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that subscribes to the same destination over and over: past the limit it gets
 * an error for each further subscription, one broadcast still reaches it once per
 * subscription it holds, and the connection stays usable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class SubscriptionLimitTests {

    @LocalServerPort
    int port;

    @Test
    void subscriptionsPastTheLimitAreRefusedAndTheConnectionGoesOn() throws Exception {
        // The client holds two subscriptions: /user/queue/errors, and
        // /app/connectionId's.
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/user/queue/errors")) {
            int more = SubscriptionLimit.MAX_SUBSCRIPTIONS - 2;
            for (int i = 0; i < more + 3; i++) {
                alice.subscribe("/topic/messages");
            }

            assertThat(alice.awaitReceived("/user/queue/errors", 3)).hasSize(3)
                .allSatisfy((error) -> assertThat(error).contains("too-many-subscriptions"));
            alice.send("/app/sendMessageToAll", "{\"text\":\"once per subscription\"}");
            assertThat(alice.awaitReceived("/topic/messages", more)).hasSize(more);
            assertThat(alice.isConnected()).isTrue();
        }
    }

}
