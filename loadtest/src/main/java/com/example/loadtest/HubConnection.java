package com.example.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One STOMP-over-WebSocket connection to the hub, on the JDK's WebSocket client: the
 * frames are written by hand, so the client costs little CPU next to the server.
 */
final class HubConnection implements WebSocket.Listener {

    private final CompletableFuture<HubConnection> connected = new CompletableFuture<>();

    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile boolean reading = true;

    private final StringBuilder partial = new StringBuilder();

    private final Consumer<String> onMessageBody;

    private WebSocket socket;

    private HubConnection(Consumer<String> onMessageBody) {
        this.onMessageBody = onMessageBody;
    }

    /** Opens the WebSocket, sends CONNECT and completes when CONNECTED arrives. */
    static CompletableFuture<HubConnection> open(HttpClient http, URI url, String token,
            Consumer<String> onMessageBody) {
        HubConnection connection = new HubConnection(onMessageBody);
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        URI hub = URI.create(url.toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + "/messages");
        return builder.buildAsync(hub, connection).thenCompose((socket) -> {
            connection.socket = socket;
            socket.sendText(StompFrames.connect(), true);
            return connection.connected;
        });
    }

    void subscribe(String id, String destination) {
        this.socket.sendText(StompFrames.subscribe(id, destination), true).join();
    }

    /**
     * Sends and waits until the frame is written: the JDK client allows one send at a
     * time.
     */
    void send(String destination, String json) {
        this.socket.sendText(StompFrames.send(destination, json), true).join();
    }

    void close() {
        this.socket.abort();
    }

    /** Stops reading from the socket, as a client on a stalled network would. */
    void stopReading() {
        this.reading = false;
    }

    /**
     * Reads again, and tells whether the server had closed the connection: a client that
     * reads nothing cannot notice a close, but notices it once it reads what is queued.
     */
    boolean wasClosedByServer() {
        this.reading = true;
        this.socket.request(Long.MAX_VALUE);
        try {
            this.closed.get(5, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        }
        catch (Exception ex) {
            return false;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        this.partial.append(data);
        if (last) {
            String frame = this.partial.toString();
            this.partial.setLength(0);
            if (StompFrames.isMessage(frame)) {
                this.onMessageBody.accept(StompFrames.body(frame));
            }
            else if (StompFrames.isConnected(frame)) {
                this.connected.complete(this);
            }
            else if (frame.startsWith("ERROR")) {
                this.connected.completeExceptionally(new IllegalStateException("STOMP ERROR: " + frame.trim()));
            }
        }
        if (this.reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        this.closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.connected.completeExceptionally(error);
        this.closed.complete(null);
    }

}
