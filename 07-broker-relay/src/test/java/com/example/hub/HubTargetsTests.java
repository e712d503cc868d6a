package com.example.hub;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.broker.ConnectionTopics;
import com.example.broker.MembershipChannel;
import com.example.support.HubControls;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three clients on real WebSocket connections: for every target, exactly the intended
 * connections receive the message and the others receive nothing. Absence is proven
 * without sleeping: the sender's next messages, markers along every path its earlier ones
 * may have taken ({@link HubTestClient#settle}), arrive after anything its earlier
 * message caused, so once every client has them, whatever they were going to get from the
 * earlier message is already there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
public class HubTargetsTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String[] DESTINATIONS = { "/topic/messages", "/user/queue/messages", "/user/queue/errors",
            "/user/queue/groups", "/user/queue/replies" };

    @LocalServerPort
    int port;

    @Autowired
    HubControls hub;

    HubTestClient alice;

    HubTestClient bob;

    HubTestClient carol;

    @BeforeEach
    void connect() throws Exception {
        this.alice = HubTestClient.connect(this.port, "alice", DESTINATIONS);
        this.bob = HubTestClient.connect(this.port, "bob", DESTINATIONS);
        this.carol = HubTestClient.connect(this.port, "carol", DESTINATIONS);
        // The counts in the hub\'s replies are only these three.
        this.hub.awaitOpenConnections(3);
    }

    @AfterEach
    void disconnect() {
        List.of(this.alice, this.bob, this.carol).forEach(HubTestClient::close);
    }

    @Test
    void sendMessageToCallerReachesOnlyTheCaller() {
        this.alice.send("/app/sendMessageToCaller", "{\"text\":\"note to self\"}");
        settle(this.alice);

        assertThat(texts(this.alice, "/user/queue/messages")).containsExactly("note to self");
        assertThat(texts(this.bob, "/user/queue/messages")).isEmpty();
        assertThat(texts(this.carol, "/user/queue/messages")).isEmpty();
        JsonNode message = JSON.readTree(this.alice.received("/user/queue/messages").get(0));
        assertThat(message.get("target").asString()).isEqualTo("caller");
        assertThat(message.get("from").asString()).isEqualTo("alice");
        assertThat(message.has("group")).isFalse();
        assertThat(this.alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":1}");
    }

    @Test
    void sendMessageToOthersReachesEveryoneButTheCaller() {
        this.alice.send("/app/sendMessageToOthers", "{\"text\":\"hi all but me\"}");
        settle(this.alice);

        assertThat(texts(this.alice, "/user/queue/messages")).isEmpty();
        assertThat(texts(this.bob, "/user/queue/messages")).containsExactly("hi all but me");
        assertThat(texts(this.carol, "/user/queue/messages")).containsExactly("hi all but me");
        assertThat(JSON.readTree(this.bob.received("/user/queue/messages").get(0)).get("target").asString())
            .isEqualTo("others");
        assertThat(this.alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":2}");
    }

    @Test
    void sendMessageToConnectionReachesOnlyThatConnection() {
        this.alice.send("/app/sendMessageToConnection",
                "{\"connectionId\":\"" + this.bob.connectionId() + "\",\"text\":\"just for Bob\"}");
        settle(this.alice);

        assertThat(texts(this.bob, "/user/queue/messages")).containsExactly("just for Bob");
        assertThat(texts(this.alice, "/user/queue/messages")).isEmpty();
        assertThat(texts(this.carol, "/user/queue/messages")).isEmpty();
        JsonNode message = JSON.readTree(this.bob.received("/user/queue/messages").get(0));
        assertThat(message.get("target").asString()).isEqualTo("connection");
        assertThat(message.get("from").asString()).isEqualTo("alice");
    }

    @Test
    void sendMessageToUnknownConnectionThenOnlyTheSenderGetsAnError() {
        this.alice.send("/app/sendMessageToConnection", "{\"connectionId\":\"nobody\",\"text\":\"hello?\"}");
        settle(this.alice);

        assertThat(errorCodes(this.alice)).containsExactly("unknown-connection");
        assertThat(errorCodes(this.bob)).isEmpty();
        assertNoTargetedMessages();
    }

    @Test
    void sendMessageToGroupReachesEveryMemberIncludingTheSender() {
        join(this.alice, "tea");
        join(this.bob, "tea");

        this.alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"kettle is on\"}");
        settle(this.alice);

        assertThat(texts(this.alice, "/user/queue/messages")).containsExactly("kettle is on");
        assertThat(texts(this.bob, "/user/queue/messages")).containsExactly("kettle is on");
        assertThat(texts(this.carol, "/user/queue/messages")).isEmpty();
        JsonNode message = JSON.readTree(this.bob.received("/user/queue/messages").get(0));
        assertThat(message.get("target").asString()).isEqualTo("group");
        assertThat(message.get("group").asString()).isEqualTo("tea");
        assertThat(this.alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":2}");
    }

    @Test
    void sendMessageToGroupFromANonMemberReachesOnlyTheMembers() {
        join(this.bob, "tea");

        this.carol.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"from outside\"}");
        settle(this.carol);

        assertThat(texts(this.bob, "/user/queue/messages")).containsExactly("from outside");
        assertThat(texts(this.carol, "/user/queue/messages")).isEmpty();
        assertThat(texts(this.alice, "/user/queue/messages")).isEmpty();
    }

    @Test
    void sendMessageToAGroupWithoutMembersReachesNobody() {
        this.alice.send("/app/sendMessageToGroup", "{\"group\":\"empty\",\"text\":\"anyone?\"}");
        settle(this.alice);

        assertNoTargetedMessages();
        assertThat(errorCodes(this.alice)).isEmpty();
        assertThat(this.alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":0}");
    }

    @Test
    void leaveGroupThenNoMoreOfItsMessages() {
        join(this.alice, "tea");
        join(this.bob, "tea");
        this.bob.send("/app/leaveGroup", "{\"group\":\"tea\"}");
        assertThat(this.bob.awaitReceived("/user/queue/groups", 2).get(1)).isEqualTo("{\"groups\":[]}");

        this.alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"still here?\"}");
        settle(this.alice);

        assertThat(texts(this.alice, "/user/queue/messages")).containsExactly("still here?");
        assertThat(texts(this.bob, "/user/queue/messages")).isEmpty();
    }

    @Test
    void joiningTwiceAndLeavingAGroupNotJoinedAreHarmless() {
        join(this.alice, "tea");
        this.alice.send("/app/joinGroup", "{\"group\":\"tea\"}");
        this.alice.send("/app/joinGroup", "{\"group\":\"chess\"}");
        this.alice.send("/app/leaveGroup", "{\"group\":\"darts\"}");

        assertThat(this.alice.awaitReceived("/user/queue/groups", 4)).containsExactly("{\"groups\":[\"tea\"]}",
                "{\"groups\":[\"tea\"]}", "{\"groups\":[\"chess\",\"tea\"]}", "{\"groups\":[\"chess\",\"tea\"]}");
        this.bob.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"once\"}");
        settle(this.bob);
        assertThat(texts(this.alice, "/user/queue/messages")).containsExactly("once");
        assertThat(errorCodes(this.alice)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", "two words", "<script>", "ünïcode", "dot.ted", "slash/ed",
            "a-group-name-that-is-exactly-sixty-five-characters-long-0123456789" })
    void invalidGroupNameThenAnErrorAndNoMembership(String group) {
        this.alice.send("/app/joinGroup", "{\"group\":" + JSON.writeValueAsString(group) + "}");
        this.alice.send("/app/sendMessageToGroup",
                "{\"group\":" + JSON.writeValueAsString(group) + ",\"text\":\"hello\"}");
        settle(this.alice);

        assertThat(this.alice.received("/user/queue/errors")).hasSize(2)
            .allSatisfy((error) -> assertThat(error).contains("invalid-message")
                .contains("group must be 1 to 64 letters, digits"));
        assertThat(this.alice.received("/user/queue/groups")).isEmpty();
        assertNoTargetedMessages();
    }

    @Test
    void groupNamesOfOneAndSixtyFourCharactersAreAccepted() {
        join(this.alice, "a");
        String longest = "G".repeat(64);
        this.alice.send("/app/joinGroup", "{\"group\":\"" + longest + "\"}");

        assertThat(this.alice.awaitReceived("/user/queue/groups", 2).get(1))
            .isEqualTo("{\"groups\":[\"" + longest + "\",\"a\"]}");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /app/sendMessageToCaller     | {}                          | text is required
            /app/sendMessageToOthers     | {"text": " "}               | text is required
            /app/sendMessageToConnection | {"text": "hi"}              | connectionId is required
            /app/sendMessageToConnection | {"connectionId": "x"}       | text is required
            /app/sendMessageToGroup      | {"text": "hi"}              | group is required
            /app/sendMessageToGroup      | {"group": "tea"}            | text is required
            /app/joinGroup               | {}                          | group is required
            /app/leaveGroup              | not json                    | not the JSON
            """)
    void badInputToANewHubMethodThenOnlyTheSenderGetsAnError(String destination, String body, String detail) {
        join(this.bob, "tea");
        this.alice.send(destination, body);
        settle(this.alice);

        assertThat(this.alice.received("/user/queue/errors")).singleElement().asString().contains(detail);
        assertThat(errorCodes(this.bob)).isEmpty();
        assertNoTargetedMessages();
    }

    @Test
    void textOverTheMaximumLengthToAGroupThenAnError() {
        join(this.bob, "tea");
        String tooLong = "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH + 1);
        this.alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"" + tooLong + "\"}");
        settle(this.alice);

        assertThat(errorCodes(this.alice)).containsExactly("invalid-message");
        assertNoTargetedMessages();
    }

    @Test
    void joiningMoreGroupsThanTheLimitIsRefusedAndKeepsTheGroups() {
        for (int i = 0; i < MessageHub.MAX_GROUPS; i++) {
            this.alice.send("/app/joinGroup", "{\"group\":\"g" + i + "\"}");
        }
        this.alice.awaitReceived("/user/queue/groups", MessageHub.MAX_GROUPS);

        this.alice.send("/app/joinGroup", "{\"group\":\"one-too-many\"}");
        this.alice.send("/app/joinGroup", "{\"group\":\"g0\"}");
        settle(this.alice);

        assertThat(errorCodes(this.alice)).containsExactly("too-many-groups");
        List<String> replies = this.alice.received("/user/queue/groups");
        assertThat(JSON.readTree(replies.get(replies.size() - 1)).get("groups").size())
            .isEqualTo(MessageHub.MAX_GROUPS);
    }

    /**
     * Every call gets exactly one answer, in the order of the calls, whatever the
     * outcome: the page relies on this to tell which answer belongs to which call.
     */
    @Test
    void everyCallGetsOneAnswerInTheOrderOfTheCalls() {
        this.alice.send("/app/sendMessageToAll", "{\"text\":\"one\"}");
        this.alice.send("/app/joinGroup", "{\"group\":\"tea\"}");
        this.alice.send("/app/sendMessageToConnection", "{\"connectionId\":\"nobody\",\"text\":\"x\"}");
        this.alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"two\"}");
        this.alice.send("/app/noSuchMethod", "{}");
        this.alice.send("/app/leaveGroup", "{\"group\":\"tea\"}");
        this.alice.send("/app/sendMessageToOthers", "{}");
        this.alice.send("/app/sendMessageToCaller", "{\"text\":\"three\"}");

        await().atMost(HubTestClient.TIMEOUT).until(() -> answers(this.alice).size() == 8);
        assertThat(answers(this.alice)).containsExactly("/user/queue/replies", "/user/queue/groups",
                "/user/queue/errors", "/user/queue/replies", "/user/queue/errors", "/user/queue/groups",
                "/user/queue/errors", "/user/queue/replies");
    }

    @Test
    void nonMemberSubscribingToGuessedDestinationsIsRefusedAndReceivesNothing() {
        join(this.alice, "secret");
        for (String guess : List.of(ConnectionTopics.of("/queue/messages", this.alice.connectionId()), "/topic/secret",
                "/queue/secret", "/topic/groups/secret", "/user/" + this.alice.connectionId() + "/queue/messages",
                MembershipChannel.DESTINATION)) {
            this.carol.subscribe(guess);
        }
        // Wait for the refusals themselves, not for a reply to /app/connectionId: Spring
        // sends that reply around the broker's per-connection order, and it can let the
        // broadcast below overtake an error still on its way.
        await().atMost(HubTestClient.TIMEOUT).until(() -> errorCodes(this.carol).size() == 6);

        this.bob.send("/app/sendMessageToGroup", "{\"group\":\"secret\",\"text\":\"members only\"}");
        settle(this.bob);

        assertThat(texts(this.alice, "/user/queue/messages")).containsExactly("members only");
        assertThat(errorCodes(this.carol)).hasSize(6).containsOnly("forbidden-destination");
        assertThat(this.carol.received("/user/queue/messages")).isEmpty();
        assertThat(this.carol.received(ConnectionTopics.of("/queue/messages", this.alice.connectionId()))).isEmpty();
        assertThat(this.carol.isConnected()).isTrue();
    }

    @Test
    void sendingStraightToABrokerDestinationIsRefused() {
        this.carol.send("/topic/messages", "{\"from\":\"" + this.alice.connectionId()
                + "\",\"text\":\"forged\",\"target\":\"all\",\"sentAt\":\"2020-01-01T00:00:00Z\"}");
        this.carol.send(ConnectionTopics.of("/queue/messages", this.alice.connectionId()), "{\"text\":\"forged\"}");
        settle(this.carol);

        assertThat(errorCodes(this.carol)).containsExactly("forbidden-destination", "forbidden-destination");
        assertThat(texts(this.alice, "/topic/messages")).isEmpty();
        assertThat(texts(this.alice, "/user/queue/messages")).isEmpty();
        assertThat(this.carol.isConnected()).isTrue();
    }

    private void join(HubTestClient client, String group) {
        int before = client.received("/user/queue/groups").size();
        client.send("/app/joinGroup", "{\"group\":\"" + group + "\"}");
        assertThat(JSON.readTree(client.awaitReceived("/user/queue/groups", before + 1).get(before))
            .get("groups")
            .valueStream()
            .map(JsonNode::asString)).contains(group);
    }

    /** Waits until everything the sender's earlier frames caused has arrived. */
    private void settle(HubTestClient sender) {
        HubTestClient.settle(sender, List.of(this.alice, this.bob, this.carol));
    }

    private void assertNoTargetedMessages() {
        for (HubTestClient client : List.of(this.alice, this.bob, this.carol)) {
            assertThat(client.received("/user/queue/messages")).isEmpty();
        }
    }

    /** The destination of each answer the client received, in the order they arrived. */
    private static List<String> answers(HubTestClient client) {
        return client.arrivals()
            .stream()
            .filter((destination) -> List.of("/user/queue/replies", "/user/queue/groups", "/user/queue/errors")
                .contains(destination))
            .toList();
    }

    private static List<String> texts(HubTestClient client, String destination) {
        return client.received(destination).stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

    private static List<String> errorCodes(HubTestClient client) {
        return client.received("/user/queue/errors")
            .stream()
            .map((body) -> JSON.readTree(body).get("error").asString())
            .toList();
    }

}
