package com.example.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis backplane: every instance publishes what other instances must deliver on one
 * pub/sub channel, and hands what the others publish to its listeners. Redis pub/sub
 * delivers at most once: a message published while Redis is unreachable is lost.
 */
@Component
class Backplane implements MessageListener {

    static final String CHANNEL = "hub:backplane";

    static final int QUEUE_LIMIT = 10_000;

    private static final Logger logger = LoggerFactory.getLogger(Backplane.class);

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final InstanceName instance;

    private final List<BiConsumer<String, BackplaneMessage>> listeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean reachable = new AtomicBoolean(true);

    private volatile boolean closed;

    private final Object membershipLock = new Object();

    /**
     * Sends to Redis, one message at a time and in order, so that no hub thread waits on
     * Redis: a Redis that is slow or does not answer holds up this one thread, and when
     * {@link #QUEUE_LIMIT} messages are waiting, further ones are dropped.
     */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_LIMIT), Backplane::senderThread, this::refused);

    private final AtomicBoolean dropping = new AtomicBoolean();

    Backplane(StringRedisTemplate redis, JsonMapper json, InstanceName instance) {
        this.redis = redis;
        this.json = json;
        this.instance = instance;
    }

    /** Registers a listener for what other instances publish: (their name, message). */
    void onMessage(BiConsumer<String, BackplaneMessage> listener) {
        this.listeners.add(listener);
    }

    /**
     * Publishes for the other instances; this instance has already delivered locally.
     * Returns at once: the message is sent by the backplane's own thread.
     */
    void publish(BackplaneMessage message) {
        if (this.closed) {
            return;
        }
        String envelope = this.json.writeValueAsString(new Envelope(this.instance.value(), message));
        this.sender.execute(() -> send(envelope));
    }

    private void send(String envelope) {
        try {
            this.redis.convertAndSend(CHANNEL, envelope);
            this.dropping.set(false);
            if (this.reachable.compareAndSet(false, true)) {
                logger.info("Redis is reachable again: messages reach the other instances again.");
            }
        }
        catch (RuntimeException ex) {
            // Once per outage, not once per message.
            if (this.reachable.compareAndSet(true, false)) {
                logger.warn(
                        "Redis is unreachable ({}): messages for other instances are lost until it is back; "
                                + "this instance keeps serving its own connections.",
                        NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            }
        }
    }

    private static Thread senderThread(Runnable task) {
        Thread thread = new Thread(task, "backplane-publish");
        thread.setDaemon(true);
        return thread;
    }

    private void refused(Runnable task, ThreadPoolExecutor executor) {
        // After leave() has shut the sender down, nothing is sent on purpose.
        if (!executor.isShutdown() && this.dropping.compareAndSet(false, true)) {
            logger.warn("Redis is not keeping up: {} messages are waiting for it, further ones are dropped.",
                    QUEUE_LIMIT);
        }
    }

    /**
     * Publishes changes of who is connected one at a time, so that they leave this
     * instance in the order they happened: a snapshot built here is never overtaken by an
     * older one.
     */
    void publishMembership(Supplier<BackplaneMessage> message) {
        synchronized (this.membershipLock) {
            publish(message.get());
        }
    }

    /**
     * A graceful shutdown tells the other instances at once, instead of after three
     * silent intervals; then nothing more is published while the app winds down.
     */
    @EventListener(ContextClosedEvent.class)
    void leave() throws InterruptedException {
        publish(new BackplaneMessage.Leaving());
        this.closed = true;
        this.sender.shutdown();
        this.sender.awaitTermination(2, TimeUnit.SECONDS);
    }

    /** Whether the last attempt to publish reached Redis. */
    boolean isReachable() {
        return this.reachable.get();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Envelope envelope;
        try {
            envelope = this.json.readValue(message.getBody(), Envelope.class);
        }
        catch (JacksonException ex) {
            logger.warn("Dropped a message on {} that is not a backplane message: {}", CHANNEL,
                    abbreviate(new String(message.getBody(), StandardCharsets.UTF_8)));
            return;
        }
        if (envelope.origin().equals(this.instance.value())) {
            return; // Our own: delivered locally when it was published.
        }
        for (BiConsumer<String, BackplaneMessage> listener : this.listeners) {
            try {
                listener.accept(envelope.origin(), envelope.message());
            }
            catch (RuntimeException ex) {
                logger.warn("Could not handle a backplane message from {}", envelope.origin(), ex);
            }
        }
    }

    private static String abbreviate(String text) {
        return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
    }

    /** A backplane message and the instance that published it. */
    record Envelope(String origin, BackplaneMessage message) {

        Envelope {
            Objects.requireNonNull(origin);
            Objects.requireNonNull(message);
        }

    }

}
