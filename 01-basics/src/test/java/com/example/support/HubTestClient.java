package com.example.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A hub client for tests: it speaks STOMP over a real WebSocket, as the page does, and
 * records every body that arrives on each destination so that tests can wait for it.
 */
public final class HubTestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(HubTestClient.class);

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final WebSocketStompClient stompClient = createStompClient();

    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    private final List<String> errorFrames = new CopyOnWriteArrayList<>();

    private volatile boolean connectionLost;

    private StompSession session;

    private String connectionId;

    private HubTestClient() {
    }

    /**
     * Connects, subscribes to the given destinations and returns once the hub has
     * registered those subscriptions and told this client its connection id.
     */
    public static HubTestClient connect(int port, String... destinations) throws Exception {
        HubTestClient client = new HubTestClient();
        client.session = stompClient.connectAsync("ws://localhost:" + port + "/messages", client.new Handler())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        for (String destination : destinations) {
            client.subscribe(destination);
        }
        // The hub handles one connection's frames in order, so this reply also means
        // every subscription above is in place.
        client.connectionId = JSON.readTree(client.request("/app/connectionId")).get("connectionId").asString();
        return client;
    }

    public String connectionId() {
        return this.connectionId;
    }

    void subscribe(String destination) {
        this.session.subscribe(destination, new Recorder(destination));
    }

    /** Subscribes to an {@code /app} destination and waits for its reply. */
    String request(String destination) {
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
            HubTestClient.this.received.computeIfAbsent(this.destination, (key) -> new CopyOnWriteArrayList<>())
                .add(new String((byte[]) payload, StandardCharsets.UTF_8));
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
