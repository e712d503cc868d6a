package com.example.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.hub.HubTargetsTests;
import com.example.broker.ConnectionTopics;
import com.example.support.HubControls;
import com.example.support.MessageControls;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what on the hub, with authenticated STOMP clients on real WebSockets: alice
 * with two connections (two tabs), bob, carol and the admin. As in
 * {@link HubTargetsTests}, absence is proven by markers that the sender sends afterwards.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class HubAuthorizationTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String[] DESTINATIONS = { "/topic/messages", "/user/queue/messages", "/user/queue/errors",
            "/user/queue/replies" };

    @LocalServerPort
    int port;

    @Autowired
    HubControls hub;

    @Autowired
    MessageControls messages;

    @Autowired
    SimpUserRegistry userRegistry;

    HubTestClient aliceTab1;

    HubTestClient aliceTab2;

    HubTestClient bob;

    HubTestClient carol;

    @BeforeEach
    void connect() throws Exception {
        this.aliceTab1 = HubTestClient.connect(this.port, "alice", DESTINATIONS);
        this.aliceTab2 = HubTestClient.connect(this.port, "alice", DESTINATIONS);
        this.bob = HubTestClient.connect(this.port, "bob", DESTINATIONS);
        this.carol = HubTestClient.connect(this.port, "carol", DESTINATIONS);
    }

    @AfterEach
    void disconnect() {
        everyone().forEach(HubTestClient::close);
    }

    @Test
    void sendMessageToUserReachesEveryConnectionOfThatUserAndNoOneElse() {
        this.bob.send("/app/sendMessageToUser", "{\"user\":\"alice\",\"text\":\"both your tabs\"}");
        settle(this.bob);

        for (HubTestClient tab : List.of(this.aliceTab1, this.aliceTab2)) {
            JsonNode message = JSON.readTree(tab.received("/user/queue/messages").get(0));
            assertThat(message.get("text").asString()).isEqualTo("both your tabs");
            assertThat(message.get("target").asString()).isEqualTo("user");
            assertThat(message.get("from").asString()).isEqualTo("bob");
            assertThat(tab.received("/user/queue/messages")).hasSize(1);
        }
        assertThat(this.bob.received("/user/queue/messages")).isEmpty();
        assertThat(this.carol.received("/user/queue/messages")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "mallory, not a user", "admin, a user who is not connected" })
    void sendMessageToAnUnknownOrOfflineUserIsAnError(String user, String description) {
        this.bob.send("/app/sendMessageToUser", "{\"user\":\"" + user + "\",\"text\":\"hello?\"}");
        settle(this.bob);

        assertThat(errorCodes(this.bob)).containsExactly("unknown-user");
        everyone().forEach((client) -> assertThat(client.received("/user/queue/messages")).isEmpty());
    }

    @Test
    void userCallingTheAdminMethodIsRefusedAndTheConnectionStaysUsable() {
        this.bob.send("/app/sendAnnouncement", "{\"text\":\"Free cake for everyone\"}");
        settle(this.bob);

        JsonNode error = JSON.readTree(this.bob.received("/user/queue/errors").get(0));
        assertThat(error.get("error").asString()).isEqualTo("forbidden");
        assertThat(this.bob.received("/user/queue/errors")).hasSize(1);
        for (HubTestClient client : everyone()) {
            assertThat(texts(client, "/topic/messages")).isEmpty();
        }
        assertThat(this.bob.isConnected()).isTrue();
    }

    @Test
    void adminCallingTheAdminMethodAnnouncesToEveryone() throws Exception {
        try (HubTestClient admin = HubTestClient.connect(this.port, "admin", DESTINATIONS)) {
            admin.send("/app/sendAnnouncement", "{\"text\":\"Fire drill at noon\"}");

            for (HubTestClient client : everyone()) {
                JsonNode message = JSON.readTree(client.awaitReceived("/topic/messages", 1).get(0));
                assertThat(message.get("target").asString()).isEqualTo("announcement");
                assertThat(message.get("from").asString()).isEqualTo("announcement");
                assertThat(message.get("text").asString()).isEqualTo("Fire drill at noon");
            }
            assertThat(admin.received("/user/queue/errors")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /app/sendMessageToCaller | {"text": "t", "from": "admin"}                    | bob
            /app/sendMessageToOthers | {"text": "t", "from": "admin", "user": "admin"}  | alice
            /app/sendMessageToUser   | {"user": "carol", "text": "t", "from": "admin"}  | carol
            """)
    void fromIsAlwaysTheUserOfTheTokenWhateverTheClientSends(String destination, String body, String receiver) {
        this.bob.send(destination, body);
        settle(this.bob);

        HubTestClient client = switch (receiver) {
            case "bob" -> this.bob;
            case "alice" -> this.aliceTab1;
            default -> this.carol;
        };
        assertThat(JSON.readTree(client.received("/user/queue/messages").get(0)).get("from").asString())
            .isEqualTo("bob");
    }

    /**
     * Spring answers {@code @SendToUser} by user name: without a name per connection, an
     * answer to a tab that closed while its call waited would go to the user's other
     * tabs. The closing tab's second message is handled after its first, so once the
     * other tab has it, any answer to the first would have arrived too.
     */
    @Test
    void answerToATabThatClosedMeanwhileReachesNoOtherTabOfTheUser() {
        String closingTab = this.aliceTab1.connectionId();
        this.aliceTab1.send("/app/sendMessageToAll", "{\"text\":\"" + MessageControls.HELD + "\"}");
        this.aliceTab1.send("/app/sendMessageToAll", "{\"text\":\"after the held one\"}");
        this.messages.awaitHolding();

        this.aliceTab1.close();
        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> this.userRegistry.getUsers()
                .stream()
                .flatMap((user) -> user.getSessions().stream())
                .noneMatch((session) -> session.getId().equals(closingTab)));
        this.messages.release();

        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> texts(this.aliceTab2, "/topic/messages").contains("after the held one"));
        assertThat(this.aliceTab2.received("/user/queue/replies")).isEmpty();
        assertThat(texts(this.aliceTab2, "/topic/messages")).containsExactly(MessageControls.HELD,
                "after the held one");
    }

    @Test
    void subscribingToAnotherUsersQueueYieldsNothing() {
        this.carol.subscribe("/user/alice/queue/messages");
        this.carol.subscribe(ConnectionTopics.of("/queue/messages", this.aliceTab1.connectionId()));
        // Wait for the refusals themselves, not for a reply to /app/connectionId: Spring
        // sends that reply around the broker's per-connection order, and it can let the
        // broadcast below overtake an error still on its way.
        await().atMost(HubTestClient.TIMEOUT).until(() -> errorCodes(this.carol).size() == 2);

        this.bob.send("/app/sendMessageToUser", "{\"user\":\"alice\",\"text\":\"private\"}");
        settle(this.bob);

        assertThat(texts(this.aliceTab1, "/user/queue/messages")).containsExactly("private");
        assertThat(errorCodes(this.carol)).containsExactly("forbidden-destination", "forbidden-destination");
        assertThat(this.carol.received("/user/alice/queue/messages")).isEmpty();
        assertThat(this.carol.received("/user/queue/messages")).isEmpty();
    }

    private List<HubTestClient> everyone() {
        return List.of(this.aliceTab1, this.aliceTab2, this.bob, this.carol)
            .stream()
            .filter(HubTestClient::isConnected)
            .toList();
    }

    /** Waits until everything the sender's earlier frames caused has arrived. */
    private void settle(HubTestClient sender) {
        HubTestClient.settle(sender, everyone());
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
