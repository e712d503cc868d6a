package com.example.hub;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the running hub over real WebSocket connections with Spring's STOMP client: what
 * one client sends, which clients receive it, and what a client that sends bad input gets
 * back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class MessageHubTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    HubTestClient alice;

    HubTestClient bob;

    @BeforeEach
    void connect() throws Exception {
        this.alice = HubTestClient.connect(this.port, "alice", "/topic/messages", "/user/queue/errors");
        this.bob = HubTestClient.connect(this.port, "bob", "/topic/messages", "/user/queue/errors");
    }

    @AfterEach
    void disconnect() {
        this.alice.close();
        this.bob.close();
    }

    @Test
    void connectionIdsAreAssignedByTheServerAndDifferPerConnection() {
        assertThat(this.alice.connectionId()).isNotBlank().isNotEqualTo(this.bob.connectionId());
    }

    @Test
    void sendMessageToAllThenEveryConnectionReceivesTheSameJson() throws Exception {
        Instant before = Instant.now();
        this.alice.send("/app/sendMessageToAll", "{\"text\":\"Hello, <b>everyone</b> ✓\"}");

        String atAlice = this.alice.awaitReceived("/topic/messages", 1).get(0);
        String atBob = this.bob.awaitReceived("/topic/messages", 1).get(0);
        assertThat(atBob).isEqualTo(atAlice);
        JsonNode message = JSON.readTree(atAlice);
        String expected = """
                {"from": "%s", "text": "Hello, <b>everyone</b> ✓", "target": "all", "sentAt": "%s"}"""
            .formatted("alice", message.get("sentAt").asString());
        JSONAssert.assertEquals(expected, atAlice, JSONCompareMode.STRICT);
        assertThat(Instant.parse(message.get("sentAt").asString())).isBetween(before, Instant.now());
    }

    @Test
    void messagesFromOneConnectionArriveInTheOrderTheyWereSent() {
        List<String> sent = IntStream.range(0, 50).mapToObj((i) -> "message " + i).toList();
        sent.forEach((text) -> this.alice.send("/app/sendMessageToAll", "{\"text\":\"" + text + "\"}"));

        List<String> atBob = this.bob.awaitReceived("/topic/messages", sent.size())
            .stream()
            .map((body) -> JSON.readTree(body).get("text").asString())
            .toList();
        assertThat(atBob).isEqualTo(sent);
    }

    @Test
    void unknownFieldsAreIgnored() {
        this.alice.send("/app/sendMessageToAll", "{\"text\":\"hi\",\"from\":\"someone else\",\"colour\":\"red\"}");

        JsonNode message = JSON.readTree(this.bob.awaitReceived("/topic/messages", 1).get(0));
        assertThat(message.get("text").asString()).isEqualTo("hi");
        assertThat(message.get("from").asString()).isEqualTo("alice");
    }

    /** Long frames reach the hub in pieces: no character may be split between them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "é", "€", "😀" })
    void textOfExactlyTheMaximumLengthIsAccepted(String character) {
        String longest = character.repeat(SendMessageRequest.MAX_TEXT_LENGTH / character.length());
        this.alice.send("/app/sendMessageToAll", "{\"text\":\"" + longest + "\"}");

        JsonNode message = JSON.readTree(this.bob.awaitReceived("/topic/messages", 1).get(0));
        assertThat(message.get("text").asString()).isEqualTo(longest);
    }

    /** The largest valid frame: every character written as a six-byte JSON escape. */
    @Test
    void textOfTheMaximumLengthInJsonEscapesIsAccepted() {
        String escaped = "\\u0001".repeat(SendMessageRequest.MAX_TEXT_LENGTH);
        this.alice.send("/app/sendMessageToAll", "{\"text\":\"" + escaped + "\"}");

        JsonNode message = JSON.readTree(this.bob.awaitReceived("/topic/messages", 1).get(0));
        assertThat(message.get("text").asString()).isEqualTo("\u0001".repeat(SendMessageRequest.MAX_TEXT_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON           | hello                  | invalid-json    | not the JSON
            JSON array         | [1, 2]                 | invalid-json    | not the JSON
            text not a string  | {"text": {"a": 1}}     | invalid-json    | not the JSON
            JSON null          | null                   | invalid-json    | not the JSON
            empty body         | ``                     | invalid-message | body is empty
            missing text       | {}                     | invalid-message | text is required
            blank text         | {"text": "   "}        | invalid-message | text is required
            """)
    void badInputThenOnlyTheSenderGetsAnErrorAndCanSendAgain(String kind, String body, String code, String detail) {
        this.alice.send("/app/sendMessageToAll", body);

        assertErrorForAliceOnly(code, detail);
    }

    @Test
    void textOverTheMaximumLengthThenOnlyTheSenderGetsAnError() {
        this.alice.send("/app/sendMessageToAll",
                "{\"text\":\"" + "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH + 1) + "\"}");

        assertErrorForAliceOnly("invalid-message", "text must be at most 4000 characters");
    }

    @Test
    void unknownHubMethodThenOnlyTheSenderGetsAnError() {
        this.alice.send("/app/sendMessageToNobody", "{\"text\":\"hi\"}");

        assertErrorForAliceOnly("unknown-method", "/app/sendMessageToNobody");
    }

    /**
     * The server refuses the frame as soon as it has read more than the limit, and the
     * client may still be writing the rest: whichever happens first, Alice's connection
     * ends with an ERROR frame that says why, and Bob's goes on.
     */
    @Test
    void frameOverTheTransportLimitEndsOnlyThatConnectionWithAnErrorFrame() {
        String tooLong = "{\"text\":\"" + "x".repeat(WebSocketConfig.MAX_FRAME_BYTES) + "\"}";

        try (CapturedLog log = CapturedLog.of(StompSubProtocolHandler.class, Level.ERROR)) {
            this.alice.sendExpectingClose("/app/sendMessageToAll", tooLong);

            await().atMost(HubTestClient.TIMEOUT).until(() -> !this.alice.isConnected());
            assertThat(this.alice.errorFrames()).singleElement().asString().contains("limit");
            // Spring logs the refused frame, with a stack trace, at ERROR.
            assertThat(log.lines()).singleElement().asString().contains("Failed to parse");
        }
        this.bob.send("/app/sendMessageToAll", "{\"text\":\"still here\"}");
        JsonNode message = JSON.readTree(this.bob.awaitReceived("/topic/messages", 1).get(0));
        assertThat(message.get("text").asString()).isEqualTo("still here");
        assertThat(this.bob.isConnected()).isTrue();
    }

    /**
     * Alice, and only Alice, gets the error; nothing is broadcast; then Alice's
     * connection still works. Messages reach each client in order, so when Alice's
     * follow-up message is the first thing Bob receives, nothing was broadcast before it.
     */
    private void assertErrorForAliceOnly(String code, String detail) {
        JsonNode error = JSON.readTree(this.alice.awaitReceived("/user/queue/errors", 1).get(0));
        assertThat(error.get("error").asString()).isEqualTo(code);
        assertThat(error.get("detail").asString()).contains(detail);
        assertThat(error.properties()).hasSize(2);

        this.alice.send("/app/sendMessageToAll", "{\"text\":\"after the error\"}");
        JsonNode first = JSON.readTree(this.bob.awaitReceived("/topic/messages", 1).get(0));
        assertThat(first.get("text").asString()).isEqualTo("after the error");
        assertThat(this.alice.awaitReceived("/topic/messages", 1)).hasSize(1);
        assertThat(this.bob.received("/user/queue/errors")).isEmpty();
        assertThat(this.alice.received("/user/queue/errors")).hasSize(1);
        assertThat(this.alice.isConnected()).isTrue();
    }

}
