package com.example.production;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that subscribes to the same destination over and over: past the limit it gets
 * an error for each further subscription, one broadcast still reaches it once per
 * subscription it holds, and the connection stays usable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class SubscriptionLimitTests {

    private static final int PAST_THE_LIMIT = 100;

    @LocalServerPort
    int port;

    @Autowired
    SimpUserRegistry users;

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

    /**
     * Only giving up a subscription the connection holds makes room: an UNSUBSCRIBE of an
     * id it never used does not, or the cap would be no cap.
     */
    @Test
    void onlyUnsubscribingAHeldSubscriptionMakesRoom() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(this.port, Tokens.issue(this.port, "alice"))) {
            socket.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(socket.nextText()).startsWith("CONNECTED");
            socket.sendFrame(subscribe("errors", "/user/queue/errors"));
            for (int i = 1; i < SubscriptionLimit.MAX_SUBSCRIPTIONS; i++) {
                socket.sendFrame(subscribe("copy-" + i, "/topic/messages"));
            }

            socket.sendFrame("UNSUBSCRIBE\nid:never-held\n\n");
            socket.sendFrame(subscribe("one-too-many", "/topic/messages"));
            assertThat(socket.nextText()).contains("too-many-subscriptions");

            socket.sendFrame("UNSUBSCRIBE\nid:copy-1\n\n");
            socket.sendFrame(subscribe("in-its-place", "/topic/messages"));
            socket.sendFrame("SEND\ndestination:/app/sendMessageToAll\ncontent-type:application/json\n\n"
                    + "{\"text\":\"count the copies\"}");
            List<String> copies = new ArrayList<>();
            for (int i = 1; i < SubscriptionLimit.MAX_SUBSCRIPTIONS; i++) {
                copies.add(socket.nextText());
            }
            assertThat(copies)
                .allSatisfy((frame) -> assertThat(frame).startsWith("MESSAGE").contains("count the copies"))
                .anySatisfy((frame) -> assertThat(frame).contains("subscription:in-its-place"))
                .noneSatisfy((frame) -> assertThat(frame).contains("subscription:copy-1\n"));
        }
    }

    /**
     * A SUBSCRIBE without a destination or an id, and an UNSUBSCRIBE without an id, are
     * refused with an error to their sender, nothing is logged above INFO, and the
     * connection goes on.
     */
    @Test
    void framesWithoutTheHeadersStompRequiresAreRefusedAndTheConnectionGoesOn() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(this.port, Tokens.issue(this.port, "alice"));
                CapturedLog log = CapturedLog.everything(Level.WARN)) {
            socket.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(socket.nextText()).startsWith("CONNECTED");
            socket.sendFrame(subscribe("errors", "/user/queue/errors"));

            socket.sendFrame("SUBSCRIBE\nid:nowhere\n\n");
            assertThat(socket.nextText()).contains("forbidden-destination");
            socket.sendFrame("SUBSCRIBE\ndestination:/topic/messages\n\n");
            assertThat(socket.nextText()).contains("invalid-frame");
            socket.sendFrame("UNSUBSCRIBE\n\n");
            assertThat(socket.nextText()).contains("invalid-frame");

            socket.sendFrame(subscribe("messages", "/topic/messages"));
            socket.sendFrame("SEND\ndestination:/app/sendMessageToAll\ncontent-type:application/json\n\n"
                    + "{\"text\":\"still connected\"}");
            assertThat(socket.nextText()).startsWith("MESSAGE").contains("still connected");
            assertThat(log.lines()).isEmpty();
        }
    }

    /**
     * Spring records a SUBSCRIBE in its user registry whether or not the limit lets it
     * through: none past the limit may stay there, or each would hold its id and
     * destination until the connection closes.
     */
    @Test
    void subscriptionsPastTheLimitAreNotKeptInTheUserRegistry() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(this.port, Tokens.issue(this.port, "alice"))) {
            socket.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            assertThat(socket.nextText()).startsWith("CONNECTED");
            socket.sendFrame(subscribe("errors", "/user/queue/errors"));
            for (int i = 1; i < SubscriptionLimit.MAX_SUBSCRIPTIONS; i++) {
                socket.sendFrame(subscribe("held-" + i, "/user/queue/replies"));
            }
            for (int i = 0; i < PAST_THE_LIMIT; i++) {
                socket.sendFrame(subscribe("past-the-limit-" + i, "/user/queue/replies"));
            }
            for (int i = 0; i < PAST_THE_LIMIT; i++) {
                assertThat(socket.nextText()).contains("too-many-subscriptions");
            }

            // Sent after the refused ones: once it is recorded, they all are.
            socket.sendFrame("UNSUBSCRIBE\nid:held-1\n\n");
            socket.sendFrame(subscribe("in-its-place", "/user/queue/groups"));
            await().atMost(HubTestClient.TIMEOUT)
                .untilAsserted(() -> assertThat(subscriptionIds()).contains("in-its-place")
                    .noneMatch((id) -> id.startsWith("past-the-limit-")));
        }
    }

    /** The ids of every connection's subscriptions. */
    private List<String> subscriptionIds() {
        return this.users.findSubscriptions((subscription) -> true).stream().map(SimpSubscription::getId).toList();
    }

    private static String subscribe(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n";
    }

}
