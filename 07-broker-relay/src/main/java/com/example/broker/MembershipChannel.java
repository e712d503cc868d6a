package com.example.broker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the instances tell each other about who is connected, through the broker: the
 * broker delivers the hub's messages to every instance's clients by itself, but it does
 * not know the connections' groups, so each instance publishes its changes on
 * {@link #DESTINATION} and hears the others' on the relay's "system" connection. The
 * broker delivers at most once: a message published while it is unreachable is lost.
 */
@Component
public class MembershipChannel {

    public static final String DESTINATION = "/topic/cluster";

    private static final Logger logger = LoggerFactory.getLogger(MembershipChannel.class);

    private final SimpMessageSendingOperations messaging;

    private final JsonMapper json;

    private final InstanceName instance;

    private final AbstractBrokerMessageHandler relay;

    private final List<BiConsumer<String, MembershipMessage>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Hands what the others publish to the listeners one at a time, in order, off the
     * relay's network thread: that thread reads everything the system connection carries,
     * and must not wait for the locks the listeners take.
     */
    private final ExecutorService receiver = Executors.newSingleThreadExecutor(daemonThreads("membership-receive-"));

    private final AtomicLong published = new AtomicLong();

    private final AtomicLong lost = new AtomicLong();

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private volatile boolean reachable;

    /** Whether this outage has been logged: once per outage, not once per message. */
    private final AtomicBoolean outageLogged = new AtomicBoolean();

    /**
     * Until then a refused message is no outage: the relay connects to the broker only
     * once the app has started, and tries again every five seconds.
     */
    private volatile Instant startingUntil = Instant.MAX;

    private volatile boolean left;

    private final Clock clock;

    MembershipChannel(SimpMessageSendingOperations messaging, JsonMapper json, InstanceName instance,
            @Qualifier("stompBrokerRelayMessageHandler") AbstractBrokerMessageHandler relay, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
        this.json = json;
        this.instance = instance;
        this.relay = relay;
        // Subscribed on the system connection whenever it (re)connects, beside Spring's
        // own subscriptions there, if any; the relay starts after every bean is created,
        // so this one is there in time.
        StompBrokerRelayMessageHandler stompRelay = (StompBrokerRelayMessageHandler) relay;
        Map<String, MessageHandler> subscriptions = new HashMap<>(stompRelay.getSystemSubscriptions());
        subscriptions.put(DESTINATION, this::receive);
        stompRelay.setSystemSubscriptions(subscriptions);
    }

    /** Registers a listener for what other instances publish: (their name, message). */
    void onMessage(BiConsumer<String, MembershipMessage> listener) {
        this.listeners.add(listener);
    }

    /**
     * Publishes for the other instances. Changes of who is connected are published one at
     * a time, each built under the same lock, so that they leave this instance in the
     * order they happened: a full list is never overtaken by an older change.
     */
    public synchronized void publishMembership(Supplier<MembershipMessage> message) {
        if (this.left) {
            return;
        }
        String envelope = this.json.writeValueAsString(new Envelope(this.instance.value(), message.get()));
        try {
            this.messaging.convertAndSend(DESTINATION, envelope, withoutWaiting());
            this.published.incrementAndGet();
        }
        catch (MessageDeliveryException ex) {
            // The relay refuses at once while the broker is unreachable, also when it
            // never was reachable; the others learn this instance's connections from its
            // next presence message.
            this.lost.incrementAndGet();
            if (this.clock.instant().isAfter(this.startingUntil)) {
                logOutage();
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        this.startingUntil = this.clock.instant().plusSeconds(5);
    }

    /**
     * The relay's system connection to the broker came or went. (The simple broker
     * publishes such events too, about itself, at start and stop.)
     */
    @EventListener
    void brokerAvailability(BrokerAvailabilityEvent event) {
        if (event.getSource() != this.relay || this.left) {
            return;
        }
        this.reachable = event.isBrokerAvailable();
        if (this.reachable) {
            this.outageLogged.set(false);
            logger.info("The message broker is reachable from {}.", this.instance.value());
        }
        else {
            logOutage();
        }
    }

    private void logOutage() {
        if (!this.left && this.outageLogged.compareAndSet(false, true)) {
            logger.warn(
                    "The message broker is unreachable from {}: its clients are disconnected, and reconnect by "
                            + "themselves once it is back. Check that the broker runs and that hub.broker.host and "
                            + "hub.broker.port point at it; /actuator/health shows when it is reachable again.",
                    this.instance.value());
        }
    }

    /**
     * A graceful shutdown tells the other instances at once; then nothing more is
     * published while the app winds down. Under the membership lock: a list of
     * connections being published now goes out before the goodbye, not after it, where it
     * would bring this instance's connections back.
     */
    @EventListener(ContextClosedEvent.class)
    synchronized void leave() {
        publishMembership(MembershipMessage.Leaving::new);
        this.left = true;
        this.receiver.shutdownNow();
    }

    /**
     * Headers that ask the relay not to wait until a message is written to the broker: it
     * waits on the calling thread, with no time limit, and the threads that publish who
     * is connected (the scheduler's, the channel.s own) must never stall on a broker that
     * is going away.
     */
    public static MessageHeaders withoutWaiting() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setHeader(SimpMessageHeaderAccessor.IGNORE_ERROR, true);
        headers.setLeaveMutable(true);
        return headers.getMessageHeaders();
    }

    /** Whether the relay's system connection to the broker is up. */
    public boolean isReachable() {
        return this.reachable;
    }

    public long published() {
        return this.published.get();
    }

    /** Messages that never reached the broker: it was unreachable. */
    public long lost() {
        return this.lost.get();
    }

    public long received() {
        return this.received.get();
    }

    /**
     * Messages on the destination that were not membership messages, or not whole ones.
     */
    public long refused() {
        return this.refused.get();
    }

    /** Runs on the relay's network thread for the system connection. */
    void receive(Message<?> message) {
        byte[] body = (byte[]) message.getPayload();
        Envelope envelope;
        try {
            envelope = this.json.readValue(body, Envelope.class);
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            this.refused.incrementAndGet();
            logger.warn("Dropped a message on {} that is not a membership message: {}", DESTINATION,
                    StringUtils.truncate(new String(body, StandardCharsets.UTF_8), 200));
            return;
        }
        if (this.instance.value().equals(envelope.origin())) {
            return; // Our own: done locally when it was published.
        }
        this.received.incrementAndGet();
        try {
            this.receiver.execute(() -> deliver(envelope));
        }
        catch (RejectedExecutionException ex) {
            // Shutting down: what the others say no longer matters.
        }
    }

    private void deliver(Envelope envelope) {
        for (BiConsumer<String, MembershipMessage> listener : this.listeners) {
            try {
                listener.accept(envelope.origin(), envelope.message());
            }
            catch (RuntimeException ex) {
                logger.warn("Could not handle a membership message from {}", envelope.origin(), ex);
            }
        }
    }

    /** A membership message and the instance that published it. */
    record Envelope(String origin, MembershipMessage message) {

        Envelope {
            MembershipMessage.required(origin, "origin");
            MembershipMessage.required(message, "message");
        }

    }

    private static ThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

}
