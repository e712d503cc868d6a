package com.example.announcements;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

import com.example.cluster.Backplane;
import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.hub.HubClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The statistics service on its own, with times chosen by the test: "messages in the last
 * minute" counts from the oldest tick within the last minute, and numbers go out only
 * when they changed.
 */
class HubStatisticsWindowTests {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    private final MessageCounter counter = new MessageCounter();

    private final Backplane backplane = mock(Backplane.class);

    @BeforeEach
    void backplaneReachesTheOtherInstances() {
        given(this.backplane.isReachable()).willReturn(true);
    }

    @Test
    void messagesOlderThanAMinuteAreNoLongerCounted() {
        Instant start = Instant.now();
        HubStatistics statistics = new HubStatistics(new StatsProperties(Duration.ofSeconds(2)), this.registry,
                this.counter, null, this.backplane);
        this.registry.add(new ConnectionInfo("a", "alice", "here"));

        receive(5);
        assertThat(statistics.measure(start.plusSeconds(10)))
            .extracting(HubStats::connections, HubStats::messagesPerMinute)
            .containsExactly(1, 5L);
        receive(3);
        assertThat(statistics.measure(start.plusSeconds(40)).messagesPerMinute()).isEqualTo(8);
        // The tick at start has left the minute; the tick at 10 s, when 5 had arrived,
        // begins it.
        assertThat(statistics.measure(start.plusSeconds(65)).messagesPerMinute()).isEqualTo(3);
        assertThat(statistics.measure(start.plusSeconds(105)).messagesPerMinute()).isZero();
    }

    @Test
    void numbersArePublishedOnlyWhenTheyChange() {
        Instant start = Instant.now();
        HubClients clients = mock(HubClients.class);
        HubStatistics statistics = new HubStatistics(new StatsProperties(Duration.ofSeconds(2)), this.registry,
                this.counter, clients, this.backplane);

        statistics.publish(start.plusSeconds(1));
        this.registry.add(new ConnectionInfo("a", "alice", "here"));
        statistics.publish(start.plusSeconds(2));
        statistics.publish(start.plusSeconds(3));
        receive(2);
        statistics.publish(start.plusSeconds(4));
        statistics.publish(start.plusSeconds(5));

        ArgumentCaptor<HubStats> published = ArgumentCaptor.forClass(HubStats.class);
        verify(clients, times(2)).statistics(published.capture());
        assertThat(published.getAllValues()).extracting(HubStats::connections, HubStats::messagesPerMinute)
            .containsExactly(tuple(1, 0L), tuple(1, 2L));
    }

    @Test
    void onlyMessagesCountNotSubscriptionsOrHeartbeats() {
        this.counter.preSend(message(SimpMessageType.SUBSCRIBE), null);
        this.counter.preSend(message(SimpMessageType.HEARTBEAT), null);
        this.counter.preSend(message(SimpMessageType.MESSAGE), null);

        assertThat(this.counter.total()).isEqualTo(1);
    }

    private void receive(int messages) {
        for (int i = 0; i < messages; i++) {
            this.counter.preSend(message(SimpMessageType.MESSAGE), null);
        }
    }

    private static Message<byte[]> message(SimpMessageType type) {
        return MessageBuilder.withPayload(new byte[0])
            .setHeader(SimpMessageHeaderAccessor.MESSAGE_TYPE_HEADER, type)
            .build();
    }

}
