package com.example.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.ConnectionRegistry;
import com.example.support.BrokerUnderTest;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestBroker;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the app, A and B, on a broker of their own, with STOMP clients on
 * each: every hub target reaches exactly the intended connections, whichever instance
 * they are on, exactly once. As in the single-instance tests, absence and duplicates are
 * checked after the sender's markers have arrived everywhere
 * ({@link HubTestClient#settle}). A connection, or a group membership, on one instance
 * reaches the other's list a moment later: tests that need it wait.
 */
public class ClusterTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String[] DESTINATIONS = { "/topic/messages", "/topic/connections", "/user/queue/messages",
            "/user/queue/errors", "/user/queue/groups", "/user/queue/replies" };

    public static BrokerUnderTest broker;

    public static HubInstance a;

    public static HubInstance b;

    private final List<HubTestClient> clients = new ArrayList<>();

    /** The instance each client is connected to. */
    private final Map<HubTestClient, HubInstance> instances = new HashMap<>();

    @BeforeAll
    static void startInstances() {
        startInstancesOn(TestBroker.start());
    }

    static void startInstancesOn(BrokerUnderTest theirBroker) {
        broker = theirBroker;
        a = HubInstance.start("instance-a", broker);
        b = HubInstance.start("instance-b", broker);
    }

    @AfterAll
    static void stopInstances() {
        a.close();
        b.close();
        broker.close();
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
            assertThat(texts(client, "/topic/messages")).containsExactly("hello, cluster");
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
    void malformedAndForeignMessagesOnTheMembershipChannelAreDroppedAndDeliveryGoesOn() throws Exception {
        HubTestClient alice = connect(a, "alice");
        HubTestClient bob = connect(b, "bob");
        awaitKnownOn(a, bob);
        long refusedOnA = a.bean(MembershipChannel.class).refused();
        long refusedOnB = b.bean(MembershipChannel.class).refused();

        try (CapturedLog log = CapturedLog.of(MembershipChannel.class, Level.WARN)) {
            publishOnTheBroker(MembershipChannel.DESTINATION, "not json at all",
                    "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"self-destruct\"}}",
                    "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"groups-changed\"}}",
                    "{\"origin\":\"elsewhere\",\"message\":{\"type\":\"presence\","
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
            // The hub.membership.refused metric counts them.
            assertThat(a.bean(MembershipChannel.class).refused()).isEqualTo(refusedOnA + 4);
            assertThat(b.bean(MembershipChannel.class).refused()).isEqualTo(refusedOnB + 4);
        }
    }

    private HubTestClient connect(HubInstance instance, String user) throws Exception {
        HubTestClient client = track(HubTestClient.connect(instance.port(), user, DESTINATIONS));
        this.instances.put(client, instance);
        return client;
    }

    private HubTestClient track(HubTestClient client) {
        this.clients.add(client);
        return client;
    }

    private static void join(HubTestClient client, String group) {
        client.send("/app/joinGroup", "{\"group\":\"" + group + "\"}");
        client.awaitReceived("/user/queue/groups", 1);
    }

    /**
     * Waits until everything the sender's earlier frames caused has arrived, once the
     * sender's instance knows every receiver.
     */
    private void settle(HubTestClient sender, HubTestClient... receivers) {
        awaitKnownOn(this.instances.get(sender), receivers);
        HubTestClient.settle(sender, List.of(receivers));
    }

    /**
     * Publishes on the broker as any STOMP client with the system login could, and
     * returns once the broker has taken every message: its receipt for the DISCONNECT
     * comes after them.
     */
    private static void publishOnTheBroker(String destination, String... bodies) throws IOException {
        try (Socket socket = new Socket("localhost", broker.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(frame("CONNECT\naccept-version:1.2\nhost:" + broker.host() + "\nlogin:"
                    + broker.logins().systemLogin() + "\npasscode:" + broker.logins().systemPasscode() + "\n\n"));
            assertThat(readFrame(in)).startsWith("CONNECTED");
            for (String body : bodies) {
                out.write(frame("SEND\ndestination:" + destination + "\n\n" + body));
            }
            out.write(frame("DISCONNECT\nreceipt:done\n\n"));
            assertThat(readFrame(in)).startsWith("RECEIPT");
        }
    }

    private static byte[] frame(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static String readFrame(InputStream in) throws IOException {
        StringBuilder frame = new StringBuilder();
        for (int next = in.read(); next > 0; next = in.read()) {
            frame.append((char) next);
        }
        return frame.toString().stripLeading();
    }

    private static List<String> texts(HubTestClient client, String destination) {
        return texts(client.received(destination));
    }

    private static List<String> texts(List<String> bodies) {
        return bodies.stream().map((body) -> JSON.readTree(body).get("text").asString()).toList();
    }

    /**
     * Connections on one instance reach the other's list through the broker, a moment
     * later.
     */
    private static void awaitKnownOn(HubInstance instance, HubTestClient... clients) {
        for (HubTestClient client : clients) {
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> instance.bean(ConnectionRegistry.class).contains(client.connectionId()));
        }
    }

}
