package com.example.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis backplane: every instance publishes what the other instances must know on one
 * pub/sub channel, and hands what the others publish to its listeners. Redis pub/sub
 * delivers at most once: a message published while Redis is unreachable is lost. No hub
 * thread ever waits for Redis: messages leave from a thread of the backplane's own, with
 * a bounded queue, and an outage is logged once, not once per message.
 */
@Component
public class Backplane implements MessageListener {

    static final String CHANNEL = "hub:backplane";

    static final int QUEUE_LIMIT = 10_000;

    private static final Logger logger = LoggerFactory.getLogger(Backplane.class);

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final InstanceName instance;

    private final List<BiConsumer<String, BackplaneMessage>> listeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean reachable = new AtomicBoolean(true);

    private final AtomicBoolean dropping = new AtomicBoolean();

    private final AtomicLong published = new AtomicLong();

    private final AtomicLong lost = new AtomicLong();

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private volatile boolean left;

    /**
     * Sends to Redis one message at a time, in order: a Redis that is slow or does not
     * answer holds up this one thread, and when {@link #QUEUE_LIMIT} messages are
     * waiting, further ones are dropped.
     */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_LIMIT), daemonThreads("backplane-publish-"), this::dropped);

    Backplane(StringRedisTemplate redis, JsonMapper json, InstanceName instance) {
        this.redis = redis;
        this.json = json;
        this.instance = instance;
    }

    /** Registers a listener for what other instances publish: (their name, message). */
    public void onMessage(BiConsumer<String, BackplaneMessage> listener) {
        this.listeners.add(listener);
    }

    /**
     * Publishes for the other instances; this instance has already done its part. Returns
     * at once: the message is sent by the backplane's own thread.
     */
    public void publish(BackplaneMessage message) {
        if (this.left) {
            return;
        }
        String envelope = this.json.writeValueAsString(new Envelope(this.instance.value(), message));
        this.sender.execute(() -> send(envelope));
    }

    /**
     * Publishes changes of who is connected one at a time, each built under the same
     * lock, so that they leave this instance in the order they happened: a full list is
     * never overtaken by an older change.
     */
    public synchronized void publishMembership(Supplier<BackplaneMessage> message) {
        publish(message.get());
    }

    private void send(String envelope) {
        try {
            this.redis.convertAndSend(CHANNEL, envelope);
            this.published.incrementAndGet();
            this.dropping.set(false);
            if (this.reachable.compareAndSet(false, true)) {
                logger.info("Redis is reachable again from {}: messages reach the other instances again.",
                        this.instance.value());
            }
        }
        catch (RuntimeException ex) {
            this.lost.incrementAndGet();
            // While the app shuts down, Redis's client stops too: that is no outage.
            if (!this.left && this.reachable.compareAndSet(true, false)) {
                logger.warn(
                        "Redis is unreachable from {} ({}): messages for other instances are lost until it is "
                                + "back; this instance keeps serving its own connections.",
                        this.instance.value(), NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            }
        }
    }

    private void dropped(Runnable task, ThreadPoolExecutor executor) {
        // After leave() has shut the sender down, nothing is sent on purpose.
        if (executor.isShutdown()) {
            return;
        }
        this.lost.incrementAndGet();
        if (this.dropping.compareAndSet(false, true)) {
            logger.warn("Redis is not keeping up: {} messages from {} are waiting for it, further ones are dropped.",
                    QUEUE_LIMIT, this.instance.value());
        }
    }

    /**
     * A graceful shutdown tells the other instances at once; then nothing more is
     * published while the app winds down, and Redis with it. Under the membership lock: a
     * list of connections being published now goes out before the goodbye, not after it,
     * where it would bring this instance's connections back.
     */
    @EventListener(ContextClosedEvent.class)
    synchronized void leave() throws InterruptedException {
        publish(new BackplaneMessage.Leaving());
        this.left = true;
        this.sender.shutdown();
        if (!this.sender.awaitTermination(2, TimeUnit.SECONDS)) {
            // What has not gone in two seconds is not waited for.
            this.sender.shutdownNow();
        }
    }

    /** Whether the last attempt to publish reached Redis. */
    public boolean isReachable() {
        return this.reachable.get();
    }

    /** The messages waiting for Redis. */
    public int waiting() {
        return this.sender.getQueue().size();
    }

    public long published() {
        return this.published.get();
    }

    /** Messages that never reached Redis: it was unreachable, or the queue was full. */
    public long lost() {
        return this.lost.get();
    }

    public long received() {
        return this.received.get();
    }

    /** Messages on the channel that were not backplane messages, or not whole ones. */
    public long refused() {
        return this.refused.get();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Envelope envelope;
        try {
            envelope = this.json.readValue(message.getBody(), Envelope.class);
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            this.refused.incrementAndGet();
            logger.warn("Dropped a message on {} that is not a backplane message: {}", CHANNEL,
                    StringUtils.truncate(new String(message.getBody(), StandardCharsets.UTF_8), 200));
            return;
        }
        if (this.instance.value().equals(envelope.origin())) {
            return; // Our own: done locally when it was published.
        }
        this.received.incrementAndGet();
        for (BiConsumer<String, BackplaneMessage> listener : this.listeners) {
            try {
                listener.accept(envelope.origin(), envelope.message());
            }
            catch (RuntimeException ex) {
                logger.warn("Could not handle a backplane message from {}", envelope.origin(), ex);
            }
        }
    }

    /** A backplane message and the instance that published it. */
    record Envelope(String origin, BackplaneMessage message) {

        Envelope {
            BackplaneMessage.required(origin, "origin");
            BackplaneMessage.required(message, "message");
        }

    }

    private static ThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

}
