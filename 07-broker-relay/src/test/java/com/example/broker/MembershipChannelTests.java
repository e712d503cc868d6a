package com.example.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.support.MessageBuilder;

import tools.jackson.databind.json.JsonMapper;

import com.example.support.CapturedLog;
import com.example.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The membership channel on its own, with the broker replaced by a mock messaging
 * template that records what is published, and threads stopped where the test needs them.
 */
class MembershipChannelTests {

    private final SimpMessageSendingOperations messaging = mock(SimpMessageSendingOperations.class);

    private final StompBrokerRelayMessageHandler relay = new StompBrokerRelayMessageHandler(
            mock(SubscribableChannel.class), mock(SubscribableChannel.class), mock(SubscribableChannel.class),
            List.of("/topic", "/queue"));

    private final MutableClock clock = new MutableClock();

    private final MembershipChannel membership = new MembershipChannel(this.messaging, JsonMapper.shared(),
            new InstanceName("here"), this.relay, this.clock);

    @Test
    void subscribesOnTheRelaysSystemConnection() {
        assertThat(this.relay.getSystemSubscriptions()).containsKey(MembershipChannel.DESTINATION);
    }

    /**
     * A shutdown while a list of connections is being published: the goodbye goes out
     * after the list, never before it, and nothing goes out after the goodbye.
     */
    @Test
    void goodbyeWaitsForAListBeingPublishedAndEndsPublishing() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> presence = CompletableFuture.runAsync(() -> this.membership.publishMembership(() -> {
            building.countDown();
            await().until(() -> finish.getCount() == 0);
            return new MembershipMessage.Presence(List.of());
        }));
        building.await();

        Thread leaving = new Thread(this.membership::leave);
        leaving.start();
        await().until(() -> leaving.getState() == Thread.State.BLOCKED || !leaving.isAlive());
        finish.countDown();
        presence.get();
        leaving.join();
        this.membership.publishMembership(() -> new MembershipMessage.Presence(List.of()));

        ArgumentCaptor<Object> published = ArgumentCaptor.forClass(Object.class);
        verify(this.messaging, times(2)).convertAndSend(eq(MembershipChannel.DESTINATION), published.capture(),
                anyMap());
        assertThat(published.getAllValues()).satisfiesExactly(
                (first) -> assertThat(first).asString().contains("\"type\":\"presence\""),
                (second) -> assertThat(second).asString().contains("\"type\":\"leaving\""));
    }

    /**
     * The relay refuses at once while the broker is unreachable: counted, not thrown, and
     * logged once, once the app has had time to connect.
     */
    @Test
    void messageTheBrokerCannotTakeIsCountedAsLost() {
        willThrow(new MessageDeliveryException("Message broker not active")).given(this.messaging)
            .convertAndSend(eq(MembershipChannel.DESTINATION), any(Object.class), anyMap());

        try (CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.WARN)) {
            // While the app starts, the relay has not connected yet: no outage.
            this.membership.publishMembership(() -> new MembershipMessage.Presence(List.of()));
            this.membership.started();
            this.membership.publishMembership(() -> new MembershipMessage.Presence(List.of()));
            assertThat(log.lines()).isEmpty();

            this.clock.advance(Duration.ofSeconds(6));
            this.membership.publishMembership(() -> new MembershipMessage.Presence(List.of()));
            this.membership.publishMembership(() -> new MembershipMessage.Presence(List.of()));

            assertThat(log.lines()).singleElement().asString().contains("message broker is unreachable from here");
        }
        assertThat(this.membership.lost()).isEqualTo(4);
        assertThat(this.membership.published()).isZero();
    }

    /**
     * Anyone who can publish on the broker can publish there: what is not a membership
     * message, or lacks a field, is dropped, counted and logged, and listeners never see
     * it.
     */
    @Test
    void whatIsNotAMembershipMessageIsDroppedAndCounted() {
        List<MembershipMessage> heard = new CopyOnWriteArrayList<>();
        this.membership.onMessage((instance, message) -> heard.add(message));

        try (CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.WARN)) {
            receive("not json");
            receive("{\"origin\":\"there\",\"message\":{\"type\":\"groups-changed\",\"groups\":[]}}");
            receive("{\"origin\":\"there\",\"message\":{\"type\":\"leaving\"}}");

            assertThat(this.membership.refused()).isEqualTo(2);
            assertThat(log.lines()).hasSize(2)
                .allSatisfy((line) -> assertThat(line).contains("not a membership message"));
        }
        // Listeners hear on the channel.s own thread.
        await().until(() -> heard.size() == 1);
        assertThat(heard).singleElement().isInstanceOf(MembershipMessage.Leaving.class);
        assertThat(this.membership.received()).isEqualTo(1);
    }

    @Test
    void ownMessagesAreIgnored() {
        List<MembershipMessage> heard = new CopyOnWriteArrayList<>();
        this.membership.onMessage((instance, message) -> heard.add(message));

        receive("{\"origin\":\"here\",\"message\":{\"type\":\"leaving\"}}");
        receive("{\"origin\":\"there\",\"message\":{\"type\":\"leaving\"}}");

        // The other's message comes after ours, on the same thread: ours is not there.
        await().until(() -> heard.size() == 1);
        assertThat(this.membership.received()).isEqualTo(1);
    }

    private void receive(String body) {
        this.membership.receive(MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8)).build());
    }

}
