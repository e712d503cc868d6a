package com.example.announcements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.example.cluster.Backplane;
import com.example.hub.ConnectionRegistry;
import com.example.hub.HubClients;

/**
 * A background service that uses the same {@link HubClients} as the hub: every
 * {@code hub.stats.interval} it works out the hub's statistics and publishes them on
 * {@code /topic/stats}, unless the numbers are the same as last time.
 */
@Component
public class HubStatistics implements SchedulingConfigurer {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ConnectionRegistry connections;

    private final MessageCounter counter;

    private final HubClients clients;

    private final Backplane backplane;

    /** The message count at each tick of the last minute, oldest first. */
    private final Deque<Sample> samples = new ArrayDeque<>();

    private volatile HubStats latest;

    private final Duration interval;

    HubStatistics(StatsProperties properties, ConnectionRegistry connections, MessageCounter counter,
            HubClients clients, Backplane backplane) {
        this.interval = properties.interval();
        this.connections = connections;
        this.counter = counter;
        this.clients = clients;
        this.backplane = backplane;
        Instant now = Instant.now();
        this.samples.add(new Sample(now, counter.total()));
        this.latest = new HubStats(connections.count(), 0, true, now);
    }

    /**
     * Has Spring's scheduler call {@link #publish()} every {@code hub.stats.interval}, on
     * its thread, one tick at a time.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::publish, this.interval);
    }

    void publish() {
        publish(Instant.now());
    }

    /** One tick at the given time: the numbers go out only when they changed. */
    void publish(Instant now) {
        HubStats stats = measure(now);
        if (!stats.sameNumbersAs(this.latest)) {
            this.clients.statistics(stats);
        }
        this.latest = stats;
    }

    /**
     * The numbers for a client that has just subscribed: the rate of the last tick, and
     * the connections as they are now, its own included.
     */
    public HubStats latest() {
        return new HubStats(this.connections.count(), this.latest.messagesPerMinute(), this.backplane.isReachable(),
                Instant.now());
    }

    HubStats measure(Instant now) {
        long total = this.counter.total();
        this.samples.addLast(new Sample(now, total));
        // The oldest sample taken within the last minute is where the minute begins.
        Instant minuteAgo = now.minus(MINUTE);
        while (this.samples.getFirst().at().isBefore(minuteAgo)) {
            this.samples.removeFirst();
        }
        return new HubStats(this.connections.count(), total - this.samples.getFirst().total(),
                this.backplane.isReachable(), now);
    }

    private record Sample(Instant at, long total) {

    }

}
