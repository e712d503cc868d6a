package com.example.hub;

import java.security.Principal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.messaging.DefaultSimpUserRegistry;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

import com.example.support.HubControls;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Spring's user registry keeps of the subscriptions the hub refuses: nothing. Over a
 * real connection, for many refused SUBSCRIBE frames; and, calling the two sides by hand,
 * whichever of them comes first, Spring's announcement of the SUBSCRIBE or the
 * interceptors' verdict on it, as either may on a busy server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class RefusedSubscriptionsTests {

    private static final int REFUSED = 100;

    @LocalServerPort
    int port;

    @Autowired
    SimpUserRegistry users;

    @Test
    void refusedSubscriptionsAreNotKeptInTheUserRegistry() throws Exception {
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/user/queue/errors")) {
            for (int i = 0; i < REFUSED; i++) {
                alice.subscribe("/topic/nowhere-" + i);
            }
            assertThat(alice.awaitReceived("/user/queue/errors", REFUSED)).hasSize(REFUSED)
                .allSatisfy((error) -> assertThat(error).contains("forbidden-destination"));
            // Sent after the refused ones: once it is recorded, they all are.
            alice.subscribe("/user/queue/groups");

            await().atMost(HubTestClient.TIMEOUT)
                .untilAsserted(() -> assertThat(destinations(alice)).contains("/user/queue/groups")
                    .noneMatch((destination) -> destination.startsWith("/topic/nowhere-")));
            assertThat(alice.isConnected()).isTrue();
        }
    }

    @Test
    void aRefusedSubscriptionEndsWhicheverSideComesFirst() {
        DefaultSimpUserRegistry registry = new DefaultSimpUserRegistry();
        RefusedSubscriptions refused = new RefusedSubscriptions(
                (event) -> registry.onApplicationEvent((ApplicationEvent) event));
        Principal alice = () -> "alice";
        refused.preSend(frame(StompCommand.CONNECT, null, alice), null);
        registry.onApplicationEvent(new SessionConnectedEvent(this, frame(StompCommand.CONNECTED, null, alice), alice));

        Message<byte[]> judgedFirst = frame(StompCommand.SUBSCRIBE, "judged-first", alice);
        refused.afterSendCompletion(judgedFirst, null, false, null);
        announce(registry, refused, judgedFirst, alice);

        Message<byte[]> announcedFirst = frame(StompCommand.SUBSCRIBE, "announced-first", alice);
        announce(registry, refused, announcedFirst, alice);
        refused.afterSendCompletion(announcedFirst, null, false, null);

        Message<byte[]> accepted = frame(StompCommand.SUBSCRIBE, "accepted", alice);
        refused.afterSendCompletion(accepted, null, true, null);
        announce(registry, refused, accepted, alice);

        assertThat(registry.getUser("alice").getSession("connection-1").getSubscriptions())
            .extracting(SimpSubscription::getId)
            .containsExactly("accepted");
    }

    /**
     * What Spring does for every SUBSCRIBE: the registry records it, then the hub hears.
     */
    private void announce(DefaultSimpUserRegistry registry, RefusedSubscriptions refused, Message<byte[]> subscribe,
            Principal user) {
        SessionSubscribeEvent event = new SessionSubscribeEvent(this, subscribe, user);
        registry.onApplicationEvent(event);
        refused.recorded(event);
    }

    private List<String> destinations(HubTestClient client) {
        return this.users
            .findSubscriptions((subscription) -> subscription.getSession().getId().equals(client.connectionId()))
            .stream()
            .map(SimpSubscription::getDestination)
            .toList();
    }

    private static Message<byte[]> frame(StompCommand command, String subscriptionId, Principal user) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(command);
        headers.setSessionId("connection-1");
        headers.setUser(user);
        if (subscriptionId != null) {
            headers.setSubscriptionId(subscriptionId);
            headers.setDestination("/topic/" + subscriptionId);
        }
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

}
