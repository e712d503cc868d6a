package com.example.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A STOMP client written frame by frame on the JDK's WebSocket client, so that it can
 * vanish the way a dropped network does: no DISCONNECT frame, no WebSocket close frame,
 * just the TCP connection gone.
 */
public final class AbruptClient {

    /** One client for all: each {@link HttpClient} has a thread of its own. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> frames = new CopyOnWriteArrayList<>();

    private final WebSocket webSocket;

    private final String connectionId;

    private AbruptClient(int port, String user) throws Exception {
        this.webSocket = open(port, Tokens.issue(port, user), new Recorder());
        send("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
        send("SUBSCRIBE\nid:0\ndestination:/app/connectionId\n\n");
        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> this.frames.stream().anyMatch((f) -> f.startsWith("MESSAGE")));
        String body = this.frames.stream().filter((f) -> f.startsWith("MESSAGE")).findFirst().orElseThrow();
        this.connectionId = JsonMapper.shared()
            .readTree(body.substring(body.indexOf("\n\n") + 2, body.length() - 1))
            .get("connectionId")
            .asString();
    }

    public static AbruptClient connect(int port, String user) throws Exception {
        return new AbruptClient(port, user);
    }

    /** Sends CONNECT and vanishes at once, without waiting for the server's answer. */
    public static void connectAndVanish(int port, String token) throws Exception {
        WebSocket webSocket = open(port, token, new WebSocket.Listener() {
        });
        webSocket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0", true).join();
        webSocket.abort();
    }

    private static WebSocket open(int port, String token, WebSocket.Listener listener) throws Exception {
        return HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(URI.create("ws://localhost:" + port + "/messages"), listener)
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public String connectionId() {
        return this.connectionId;
    }

    public void joinGroup(String group) {
        send("SEND\ndestination:/app/joinGroup\ncontent-type:application/json\n\n{\"group\":\"" + group + "\"}");
    }

    /** Closes the TCP connection at once, without a word to the server. */
    public void vanish() {
        this.webSocket.abort();
    }

    private void send(String frameWithoutNul) {
        this.webSocket.sendText(frameWithoutNul + "\0", true).join();
    }

    private final class Recorder implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                AbruptClient.this.frames.add(this.partial.toString());
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

    }

}
