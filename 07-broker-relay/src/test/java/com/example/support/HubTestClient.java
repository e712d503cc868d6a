package com.example.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import tools.jackson.databind.json.JsonMapper;

import com.example.broker.LocalDelivery;
import com.example.hub.DestinationGuard;

import static org.awaitility.Awaitility.await;

/**
 * A hub client for tests: it speaks STOMP over a real WebSocket, as the page does, with
 * an access token in the handshake's {@code Authorization} header, and records every body
 * that arrives on each destination so that tests can wait for it.
 */
public final class HubTestClient implements AutoCloseable {

    /**
     * How long a test waits for what should come within milliseconds. Twice chapter 06's:
     * every delivery crosses the broker, and on a machine busy with other builds a test's
     * few steps have taken over ten seconds.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final Logger logger = LoggerFactory.getLogger(HubTestClient.class);

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final WebSocketStompClient stompClient = createStompClient();

    /** What marks the messages of {@link #settle}. */
    private static final String SETTLE_MARKER = "[settle ";

    private static final AtomicInteger SETTLES = new AtomicInteger();

    private static final AtomicInteger RECEIPTS = new AtomicInteger();

    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    private final List<String> arrivals = new CopyOnWriteArrayList<>();

    private final List<String> errorFrames = new CopyOnWriteArrayList<>();

    /** The markers of {@link #settle} that arrived, each after its destination. */
    private final List<String> markers = new CopyOnWriteArrayList<>();

    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    private volatile boolean connectionLost;

    private StompSession session;

    private String connectionId;

    private HubTestClient() {
    }

    /**
     * Logs in as the user, connects, subscribes to the given destinations and returns
     * once the hub has registered those subscriptions and told this client its connection
     * id.
     */
    public static HubTestClient connect(int port, String user, String... destinations) throws Exception {
        return connectWithToken(port, Tokens.issue(port, user), destinations);
    }

    public static HubTestClient connectWithToken(int port, String token, String... destinations) throws Exception {
        HubTestClient client = new HubTestClient();
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setBearerAuth(token);
        client.session = stompClient.connectAsync("ws://localhost:" + port + "/messages", headers, client.new Handler())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        for (String destination : destinations) {
            client.subscribe(destination);
        }
        // The hub handles one connection's frames in order, so this reply also means
        // every subscription above is in place (those the broker holds said so already).
        client.connectionId = JSON.readTree(client.request("/app/connectionId")).get("connectionId").asString();
        return client;
    }

    public String connectionId() {
        return this.connectionId;
    }

    /**
     * Subscribes; to a destination the message broker holds, once the broker's receipt
     * says the subscription is in place. (The relay passes a subscription on to the
     * broker on the connection's own link, while the hub publishes on another: without
     * the receipt, a message published at once could reach the broker first.)
     */
    public void subscribe(String destination) {
        this.subscribed.add(destination);
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        if (!isOnTheBroker(destination)) {
            this.session.subscribe(headers, new Recorder(destination));
            return;
        }
        headers.setReceipt("subscribed-" + RECEIPTS.incrementAndGet());
        CountDownLatch placed = new CountDownLatch(1);
        this.session.subscribe(headers, new Recorder(destination)).addReceiptTask(placed::countDown);
        await().atMost(TIMEOUT).until(() -> placed.getCount() == 0);
    }

    /**
     * Whether the message broker will hold the subscription: one the hub allows, and does
     * not deliver itself.
     */
    private static boolean isOnTheBroker(String destination) {
        return DestinationGuard.SUBSCRIBABLE.contains(destination) && LocalDelivery.isOnTheBroker(destination);
    }

    /**
     * Waits until everything the sender's earlier frames caused has arrived, so that a
     * test can then check what did not. The sender's next messages are markers, each
     * along a path its earlier ones may have taken: to everyone, and to each receiver's
     * connection, through the broker, which keeps order within a destination only; and a
     * call of a hub method that does not exist, whose error comes after every earlier
     * answer. Markers are kept apart: {@link #received} never lists them.
     */
    public static void settle(HubTestClient sender, Collection<HubTestClient> receivers) {
        String marker = SETTLE_MARKER + SETTLES.incrementAndGet() + "]";
        sender.send("/app/sendMessageToAll", "{\"text\":\"" + marker + "\"}");
        for (HubTestClient receiver : receivers) {
            sender.send("/app/sendMessageToConnection",
                    "{\"connectionId\":\"" + receiver.connectionId + "\",\"text\":\"" + marker + "\"}");
        }
        sender.send("/app/" + marker, "{}");
        sender.awaitMarker("/user/queue/errors", marker);
        for (HubTestClient receiver : receivers) {
            receiver.awaitMarker("/topic/messages", marker);
            receiver.awaitMarker("/user/queue/messages", marker);
        }
    }

    /** Waits for the marker on the destination, if this client subscribed to it. */
    private void awaitMarker(String destination, String marker) {
        await(marker + " on " + destination + " of " + this.connectionId).atMost(TIMEOUT)
            .until(() -> !this.subscribed.contains(destination) || this.markers.stream()
                .anyMatch((arrived) -> arrived.startsWith(destination + " ") && arrived.contains(marker)));
    }

    /**
     * Sends a SUBSCRIBE that the hub is expected to refuse: no receipt will come, and the
     * refusal arrives on {@code /user/queue/errors}.
     */
    public void subscribeExpectingRefusal(String destination) {
        this.session.subscribe(destination, new Recorder(destination));
    }

    /** Subscribes to an {@code /app} destination and waits for its reply. */
    public String request(String destination) {
        int before = received(destination).size();
        subscribe(destination);
        return awaitReceived(destination, before + 1).get(before);
    }

    public void send(String destination, String body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        this.session.send(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a frame that the server is expected to refuse by closing the connection. A
     * long frame goes out in several pieces, and the server may close before the last
     * one: then the send fails, as it would for any client, and that is not an error of
     * the test.
     */
    public void sendExpectingClose(String destination, String body) {
        try {
            send(destination, body);
        }
        catch (RuntimeException ex) {
            await().atMost(TIMEOUT).until(() -> !isConnected());
        }
    }

    /** Every body received so far on the destination, oldest first. */
    public List<String> received(String destination) {
        return List.copyOf(this.received.getOrDefault(destination, List.of()));
    }

    /** The destination of every message received so far, in the order they arrived. */
    public List<String> arrivals() {
        return List.copyOf(this.arrivals);
    }

    /** Waits until at least {@code count} bodies have arrived on the destination. */
    public List<String> awaitReceived(String destination, int count) {
        await().atMost(TIMEOUT).until(() -> received(destination).size() >= count);
        return received(destination);
    }

    /** The {@code message} header of every STOMP ERROR frame the server sent. */
    public List<String> errorFrames() {
        return List.copyOf(this.errorFrames);
    }

    public boolean isConnected() {
        return this.session.isConnected() && !this.connectionLost;
    }

    @Override
    public void close() {
        if (this.session.isConnected()) {
            this.session.disconnect();
        }
    }

    private static WebSocketStompClient createStompClient() {
        // Room for the largest message the hub sends, as a browser has: Tomcat's client
        // would close the connection on a message over its default 8 KiB buffer.
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(64 * 1024);
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container));
        // Bodies stay bytes, whatever their content type, so tests see the exact JSON
        // sent.
        client.setMessageConverter(new ByteArrayMessageConverter() {

            @Override
            protected boolean supportsMimeType(MessageHeaders headers) {
                return true;
            }

        });
        // For the receipts that say the broker holds a subscription (and for heartbeats).
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setDaemon(true);
        scheduler.initialize();
        client.setTaskScheduler(scheduler);
        return client;
    }

    private final class Recorder implements StompFrameHandler {

        private final String destination;

        Recorder(String destination) {
            this.destination = destination;
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            String body = new String((byte[]) payload, StandardCharsets.UTF_8);
            if (body.contains(SETTLE_MARKER)) {
                HubTestClient.this.markers.add(this.destination + " " + body);
                return;
            }
            HubTestClient.this.received.computeIfAbsent(this.destination, (key) -> new CopyOnWriteArrayList<>())
                .add(body);
            HubTestClient.this.arrivals.add(this.destination);
        }

    }

    private final class Handler extends StompSessionHandlerAdapter {

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // Only ERROR frames reach the session handler.
            HubTestClient.this.errorFrames.add(String.valueOf(headers.getFirst("message")));
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                Throwable exception) {
            logger.error("Failed to handle a " + command + " frame", exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            if (exception instanceof ConnectionLostException) {
                HubTestClient.this.connectionLost = true;
            }
        }

    }

}
