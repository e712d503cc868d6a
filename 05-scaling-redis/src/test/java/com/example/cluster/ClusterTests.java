package com.example.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.ConnectionRegistry;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestRedis;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app, A and B, on a Redis of their own, with STOMP clients on each:
 * every hub target reaches exactly the intended connections, whichever instance they are
 * on, exactly once. As in the single-instance tests, absence and duplicates are checked
 * after the sender's next message, a marker to everyone, has arrived everywhere: one
 * sender's messages travel through Redis in order. A connection, or a group membership,
 * on one instance reaches the other's list a moment later: tests that need it wait.
 */
class ClusterTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String[] DESTINATIONS = { "/topic/messages", "/topic/connections", "/user/queue/messages",
            "/user/queue/errors", "/user/queue/groups", "/user/queue/replies" };

    static TestRedis redis;

    static HubInstance a;

    static HubInstance b;

    private final List<HubTestClient> clients = new ArrayList<>();

    private final AtomicInteger markers = new AtomicInteger();

    @BeforeAll
    static void startInstances() {
        redis = TestRedis.start();
        a = HubInstance.start("instance-a", redis);
        b = HubInstance.start("instance-b", redis);
    }

    @AfterAll
    static void stopInstances() {
        a.close();
        b.close();
        redis.close();
    }

    @AfterEach
    void disconnect() {
        this.clients.forEach(HubTestClient::close);
        for (HubInstance instance : List.of(a, b)) {
            await().atMost(HubTestClient.TIMEOUT).until(() -> instance.bean(ConnectionRegistry.class).count() == 0);
        }
    }

    @Test
    void tokenIssuedByOneInstanceIsAcceptedByTheOther() throws Exception {
        String fromA = Tokens.issue(a.port(), "alice");

        HubTestClient onB = track(HubTestClient.connectWithToken(b.port(), fromA, "/topic/messages"));

        assertThat(JSON.readTree(onB.request("/app/connectionId")).get("instance").asString()).isEqualTo("instance-b");
    }

    @Test
    void messageToAllReachesEveryConnectionOnEveryInstanceOnce() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        HubTestClient carol = connect(b, "carol");
        awaitKnownOn(a, bob, carol);

        alice.send("/app/sendMessageToAll", "{\"text\":\"hello, cluster\"}");
        settle(alice, alice, bob, carol);

        for (HubTestClient client : List.of(alice, bob, carol)) {
            assertThat(texts(client, "/topic/messages")).containsExactly("hello, cluster", marker());
        }
        assertThat(alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":3}");
    }

    @Test
    void messageToOthersReachesEveryOtherConnectionOnEveryInstanceOnce() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient carol = connect(a, "carol");
        HubTestClient bob = connect(b, "bob");
        awaitKnownOn(a, bob);

        alice.send("/app/sendMessageToOthers", "{\"text\":\"not for me\"}");
        settle(alice, alice, bob, carol);

        assertThat(texts(alice, "/user/queue/messages")).isEmpty();
        assertThat(texts(carol, "/user/queue/messages")).containsExactly("not for me");
        assertThat(texts(bob, "/user/queue/messages")).containsExactly("not for me");
        assertThat(alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":2}");
    }

    @Test
    void messageToAConnectionOnTheOtherInstanceReachesOnlyThatConnection() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        HubTestClient carol = connect(b, "carol");
        awaitKnownOn(a, bob);

        alice.send("/app/sendMessageToConnection",
                "{\"connectionId\":\"" + bob.connectionId() + "\",\"text\":\"across the cluster\"}");
        settle(alice, alice, bob, carol);

        assertThat(texts(bob, "/user/queue/messages")).containsExactly("across the cluster");
        assertThat(texts(carol, "/user/queue/messages")).isEmpty();
        assertThat(texts(alice, "/user/queue/messages")).isEmpty();
        assertThat(alice.received("/user/queue/errors")).isEmpty();
    }

    @Test
    void groupMembersOnEveryInstanceReceiveTheGroupsMessagesOnce() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient carol = connect(a, "carol");
        HubTestClient bob = connect(b, "bob");
        HubTestClient admin = connect(b, "admin");
        join(carol, "tea");
        join(bob, "tea");
        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> a.bean(ConnectionRegistry.class).members("tea").contains(bob.connectionId()));

        alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"kettle is on\"}");
        settle(alice, alice, bob, carol, admin);

        assertThat(texts(carol, "/user/queue/messages")).containsExactly("kettle is on");
        assertThat(texts(bob, "/user/queue/messages")).containsExactly("kettle is on");
        assertThat(texts(alice, "/user/queue/messages")).isEmpty();
        assertThat(texts(admin, "/user/queue/messages")).isEmpty();
        assertThat(alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":2}");
    }

    @Test
    void leavingAGroupOnOneInstanceStopsItsMessagesFromTheOther() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        join(bob, "tea");
        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> a.bean(ConnectionRegistry.class).members("tea").contains(bob.connectionId()));

        bob.send("/app/leaveGroup", "{\"group\":\"tea\"}");
        await().atMost(HubTestClient.TIMEOUT).until(() -> a.bean(ConnectionRegistry.class).members("tea").isEmpty());
        alice.send("/app/sendMessageToGroup", "{\"group\":\"tea\",\"text\":\"anyone?\"}");
        settle(alice, alice, bob);

        assertThat(texts(bob, "/user/queue/messages")).isEmpty();
        assertThat(alice.received("/user/queue/replies")).first().isEqualTo("{\"connections\":0}");
    }

    @Test
    void messageToAUserReachesTheirConnectionsOnEveryInstanceOnce() throws Exception {
        HubTestClient aliceOnA = connect(a, "alice");
        HubTestClient aliceOnB = connect(b, "alice");
        HubTestClient bob = connect(b, "bob");
        HubTestClient carol = connect(a, "carol");
        awaitKnownOn(b, aliceOnA, carol);

        bob.send("/app/sendMessageToUser", "{\"user\":\"alice\",\"text\":\"in every tab\"}");
        settle(bob, aliceOnA, aliceOnB, bob, carol);

        assertThat(texts(aliceOnA, "/user/queue/messages")).containsExactly("in every tab");
        assertThat(texts(aliceOnB, "/user/queue/messages")).containsExactly("in every tab");
        assertThat(texts(bob, "/user/queue/messages")).isEmpty();
        assertThat(texts(carol, "/user/queue/messages")).isEmpty();
        assertThat(bob.received("/user/queue/replies")).first().isEqualTo("{\"connections\":2}");
    }

    @Test
    void userConnectedOnlyToTheOtherInstanceIsNotUnknown() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        awaitKnownOn(a, bob);

        alice.send("/app/sendMessageToUser", "{\"user\":\"bob\",\"text\":\"found you\"}");
        alice.send("/app/sendMessageToUser", "{\"user\":\"mallory\",\"text\":\"and you?\"}");
        alice.send("/app/sendMessageToConnection", "{\"connectionId\":\"nobody\",\"text\":\"and you?\"}");
        settle(alice, alice, bob);

        assertThat(texts(bob, "/user/queue/messages")).containsExactly("found you");
        assertThat(alice.received("/user/queue/errors")).hasSize(2)
            .anySatisfy((error) -> assertThat(error).contains("unknown-user"))
            .anySatisfy((error) -> assertThat(error).contains("unknown-connection"));
    }

    @Test
    void announcementsFromEitherInstanceReachEveryone() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        HubTestClient admin = connect(a, "admin");
        String adminToken = Tokens.issue(b.port(), "admin");

        admin.send("/app/sendAnnouncement", "{\"text\":\"from the hub on A\"}");
        RestClient.create("http://localhost:" + b.port())
            .post()
            .uri("/api/announcements")
            .headers((headers) -> headers.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"text\":\"from the REST API on B\"}")
            .retrieve()
            .toBodilessEntity();
        RestClient.create("http://localhost:" + a.port())
            .post()
            .uri("/announcement")
            .headers((headers) -> headers.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("text=from+the+form+on+A")
            .retrieve()
            .toBodilessEntity();

        for (HubTestClient client : List.of(alice, bob)) {
            assertThat(texts(client.awaitReceived("/topic/messages", 3))).containsExactlyInAnyOrder("from the hub on A",
                    "from the REST API on B", "from the form on A");
        }
    }

    @Test
    void connectionListAndConnectionEventsCoverEveryInstance() throws Exception {
        HubTestClient alice = connect(a, "alice");

        HubTestClient bob = connect(b, "bob");

        String connected = "{\"type\":\"connected\",\"connectionId\":\"" + bob.connectionId()
                + "\",\"user\":\"bob\",\"instance\":\"instance-b\"}";
        await().atMost(HubTestClient.TIMEOUT).until(() -> alice.received("/topic/connections").contains(connected));
        assertThat(JSON.readTree(alice.request("/app/connections")).valueStream())
            .anySatisfy((connection) -> assertThat(connection.toString()).isEqualTo(
                    "{\"connectionId\":\"" + bob.connectionId() + "\",\"user\":\"bob\",\"instance\":\"instance-b\"}"));

        bob.close();

        String disconnected = connected.replace("\"connected\"", "\"disconnected\"");
        await().atMost(HubTestClient.TIMEOUT).until(() -> alice.received("/topic/connections").contains(disconnected));
        // A second announcement would follow the first at once.
        await().during(Duration.ofMillis(600))
            .atMost(Duration.ofSeconds(2))
            .until(() -> alice.received("/topic/connections").stream().filter(disconnected::equals).count() == 1);
        assertThat(alice.request("/app/connections")).doesNotContain(bob.connectionId());
    }

    @Test
    void malformedAndForeignMessagesOnTheChannelAreDroppedAndDeliveryGoesOn() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        awaitKnownOn(a, bob);
        StringRedisTemplate redis = a.bean(StringRedisTemplate.class);

        try (CapturedLog log = CapturedLog.of(Backplane.class, Level.WARN)) {
            redis.convertAndSend(Backplane.CHANNEL, "not json at all");
            redis.convertAndSend(Backplane.CHANNEL,
                    "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"self-destruct\"}}");
            redis.convertAndSend(Backplane.CHANNEL, "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"all\"}}");
            redis.convertAndSend(Backplane.CHANNEL, "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"presence\","
                    + "\"connections\":[{\"connectionId\":\"z\"}]}}");
            alice.send("/app/sendMessageToAll", "{\"text\":\"still flowing\"}");
            alice.send("/app/sendMessageToUser", "{\"user\":\"bob\",\"text\":\"users still found\"}");

            assertThat(texts(bob.awaitReceived("/topic/messages", 1))).containsExactly("still flowing");
            assertThat(texts(bob.awaitReceived("/user/queue/messages", 1))).containsExactly("users still found");
            // Each of the four is logged by both instances.
            await().atMost(HubTestClient.TIMEOUT).until(() -> log.lines().size() >= 8);
            assertThat(log.lines()).anySatisfy((line) -> assertThat(line).contains("not json at all"))
                .anySatisfy((line) -> assertThat(line).contains("self-destruct"))
                .allSatisfy((line) -> assertThat(line).startsWith("WARN"));
        }
    }

    private HubTestClient connect(HubInstance instance, String user) throws Exception {
        return track(HubTestClient.connect(instance.port(), user, DESTINATIONS));
    }

    private HubTestClient track(HubTestClient client) {
        this.clients.add(client);
        return client;
    }

    private static void join(HubTestClient client, String group) {
        client.send("/app/joinGroup", "{\"group\":\"" + group + "\"}");
        client.awaitReceived("/user/queue/groups", 1);
    }

    /** The sender's next message goes to everyone; waits until all receivers have it. */
    private void settle(HubTestClient sender, HubTestClient... receivers) {
        String marker = "marker " + this.markers.incrementAndGet();
        sender.send("/app/sendMessageToAll", "{\"text\":\"" + marker + "\"}");
        for (HubTestClient client : receivers) {
            await().atMost(HubTestClient.TIMEOUT).until(() -> texts(client, "/topic/messages").contains(marker));
        }
    }

    private String marker() {
        return "marker " + this.markers.get();
    }

    private static List<String> texts(HubTestClient client, String destination) {
        return texts(client.received(destination));
    }

    private static List<String> texts(List<String> bodies) {
        return bodies.stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

    /**
     * Connections on one instance reach the other's list through Redis, a moment later.
     */
    private static void awaitKnownOn(HubInstance instance, HubTestClient... clients) {
        for (HubTestClient client : clients) {
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> instance.bean(ConnectionRegistry.class).contains(client.connectionId()));
        }
    }

}
