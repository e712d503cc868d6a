package com.example.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis backplane: every instance publishes what the other instances must know on one
 * pub/sub channel, and hands what the others publish to its listeners. Redis pub/sub
 * delivers at most once: a message published while Redis is unreachable is lost. An
 * outage is logged once, not once per message, and the hub asks {@link #isReachable()} to
 * count only the connections its messages reach.
 */
@Component
public class Backplane implements MessageListener {

    static final String CHANNEL = "hub:backplane";

    private static final Logger logger = LoggerFactory.getLogger(Backplane.class);

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final InstanceName instance;

    private final List<BiConsumer<String, BackplaneMessage>> listeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean reachable = new AtomicBoolean(true);

    private volatile boolean left;

    Backplane(StringRedisTemplate redis, JsonMapper json, InstanceName instance) {
        this.redis = redis;
        this.json = json;
        this.instance = instance;
    }

    /** Registers a listener for what other instances publish: (their name, message). */
    public void onMessage(BiConsumer<String, BackplaneMessage> listener) {
        this.listeners.add(listener);
    }

    /** Publishes for the other instances; this instance has already done its part. */
    public void publish(BackplaneMessage message) {
        if (this.left) {
            return;
        }
        send(this.json.writeValueAsString(new Envelope(this.instance.value(), message)));
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
            if (this.reachable.compareAndSet(false, true)) {
                logger.info("Redis is reachable again from {}: messages reach the other instances again.",
                        this.instance.value());
            }
        }
        catch (DataAccessException ex) {
            if (this.reachable.compareAndSet(true, false)) {
                logger.warn(
                        "Redis is unreachable from {} ({}): messages for other instances are lost until it is "
                                + "back; this instance keeps serving its own connections.",
                        this.instance.value(), NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            }
        }
    }

    /**
     * A graceful shutdown tells the other instances at once; then nothing more is
     * published while the app winds down, and Redis with it. Under the membership lock: a
     * list of connections being published now goes out before the goodbye, not after it,
     * where it would bring this instance's connections back.
     */
    @EventListener(ContextClosedEvent.class)
    synchronized void leave() {
        publish(new BackplaneMessage.Leaving());
        this.left = true;
    }

    /** Whether the last attempt to publish reached Redis. */
    public boolean isReachable() {
        return this.reachable.get();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Envelope envelope;
        try {
            envelope = this.json.readValue(message.getBody(), Envelope.class);
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            logger.warn("Dropped a message on {} that is not a backplane message: {}", CHANNEL,
                    StringUtils.truncate(new String(message.getBody(), StandardCharsets.UTF_8), 200));
            return;
        }
        if (this.instance.value().equals(envelope.origin())) {
            return; // Our own: done locally when it was published.
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

    /** A backplane message and the instance that published it. */
    record Envelope(String origin, BackplaneMessage message) {

        Envelope {
            BackplaneMessage.required(origin, "origin");
            BackplaneMessage.required(message, "message");
        }

    }

}
