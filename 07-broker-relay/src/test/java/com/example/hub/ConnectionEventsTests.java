package com.example.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.support.AbruptClient;
import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections coming and going over real WebSockets, however they end: the connection
 * list, the events on {@code /topic/connections}, and the group memberships that must not
 * outlive a connection. Membership is read from the {@link ConnectionRegistry} bean.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ConnectionEventsTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** How long a duplicate event gets to show up before we accept that there is none. */
    private static final Duration NO_DUPLICATE_WITHIN = Duration.ofMillis(500);

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    HubTestClient observer;

    @BeforeEach
    void connectObserver() throws Exception {
        this.observer = HubTestClient.connect(this.port, "alice", "/topic/connections", "/topic/messages");
    }

    @AfterEach
    void disconnectObserver() {
        this.observer.close();
    }

    /**
     * Spring publishes a connection's {@code SessionConnectEvent} once it has handed the
     * CONNECT frame on. While the broker is down, the relay refuses the frame at once,
     * and the connection may have closed before the event comes: it is never listed.
     */
    @Test
    void connectionThatClosedBeforeItsConnectEventIsNotListed(@Autowired ApplicationEventPublisher events) {
        StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
        connect.setSessionId("closed-already");

        events.publishEvent(new SessionConnectEvent(this,
                MessageBuilder.createMessage(new byte[0], connect.getMessageHeaders()), () -> "bob"));

        assertThat(this.registry.contains("closed-already")).isFalse();
    }

    @Test
    void connectionListHoldsEveryOpenConnection() throws Exception {
        try (HubTestClient bob = HubTestClient.connect(this.port, "bob")) {
            List<String> listed = connectionIds(JSON.readTree(this.observer.request("/app/connections")));

            assertThat(listed).contains(this.observer.connectionId(), bob.connectionId());
        }
    }

    @Test
    void newConnectionIsAnnouncedToEveryone() throws Exception {
        try (HubTestClient bob = HubTestClient.connect(this.port, "bob")) {
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> this.observer.received("/topic/connections")
                    .contains("{\"type\":\"connected\",\"connectionId\":\"" + bob.connectionId()
                            + "\",\"user\":\"bob\",\"instance\":\"single\"}"));
        }
    }

    @Test
    void disconnectFrameIsAnnouncedExactlyOnceAndLeavesEveryGroup() throws Exception {
        HubTestClient bob = HubTestClient.connect(this.port, "bob", "/user/queue/groups");
        bob.send("/app/joinGroup", "{\"group\":\"tea\"}");
        bob.awaitReceived("/user/queue/groups", 1);

        bob.close();

        assertAnnouncedGoneOnce(bob.connectionId());
        assertThat(this.registry.members("tea")).doesNotContain(bob.connectionId());
    }

    @Test
    void droppedNetworkIsAnnouncedOnceAndLeavesEveryGroup() throws Exception {
        AbruptClient bob = AbruptClient.connect(this.port, "bob");
        bob.joinGroup("tea");
        bob.joinGroup("chess");
        await().atMost(HubTestClient.TIMEOUT)
            .until(() -> this.registry.groupsOf(bob.connectionId()).equals(List.of("chess", "tea")));

        bob.vanish();

        assertAnnouncedGoneOnce(bob.connectionId());
        assertThat(this.registry.members("tea")).doesNotContain(bob.connectionId());
        assertThat(this.registry.members("chess")).doesNotContain(bob.connectionId());
    }

    @Test
    void connectionsThatVanishRightAfterConnectingAreNotListed() throws Exception {
        String token = Tokens.issue(this.port, "bob");
        for (int i = 0; i < 250; i++) {
            AbruptClient.connectAndVanish(this.port, token);
        }

        // Each left as it came; the list ends up with the observer alone, with no ghosts.
        await().atMost(HubTestClient.TIMEOUT)
            .untilAsserted(
                    () -> assertThat(this.registry.connectionIds()).containsExactly(this.observer.connectionId()));
    }

    @Test
    void serverSideCloseIsAnnouncedOnceAndLeavesEveryGroup() throws Exception {
        HubTestClient bob = HubTestClient.connect(this.port, "bob", "/user/queue/groups");
        bob.send("/app/joinGroup", "{\"group\":\"tea\"}");
        bob.awaitReceived("/user/queue/groups", 1);

        // A frame over the limit makes the server close the connection (and log it).
        try (CapturedLog log = CapturedLog.of(StompSubProtocolHandler.class, Level.ERROR)) {
            bob.sendExpectingClose("/app/sendMessageToAll",
                    "{\"text\":\"" + "x".repeat(WebSocketConfig.MAX_FRAME_BYTES) + "\"}");

            assertAnnouncedGoneOnce(bob.connectionId());
        }
        assertThat(this.registry.members("tea")).doesNotContain(bob.connectionId());
    }

    @Test
    void concurrentJoinsLeavesAndDisconnectsLeaveNoStaleMembers() throws Exception {
        List<String> groups = List.of("g0", "g1", "g2", "g3");
        List<HubTestClient> stayers = new ArrayList<>();
        List<AbruptClient> leavers = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                HubTestClient stayer = HubTestClient.connect(this.port, "carol", "/user/queue/groups");
                AbruptClient leaver = AbruptClient.connect(this.port, "bob");
                stayers.add(stayer);
                leavers.add(leaver);
                work.add(executor.submit(() -> {
                    groups.forEach((group) -> stayer.send("/app/joinGroup", "{\"group\":\"" + group + "\"}"));
                    stayer.send("/app/leaveGroup", "{\"group\":\"g0\"}");
                }));
                // The leaver vanishes while its joins may still be on their way through
                // the hub.
                work.add(executor.submit(() -> {
                    groups.forEach(leaver::joinGroup);
                    leaver.vanish();
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            stayers.forEach((stayer) -> stayer.awaitReceived("/user/queue/groups", groups.size() + 1));
            Set<String> gone = Set.copyOf(leavers.stream().map(AbruptClient::connectionId).toList());
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> this.registry.connectionIds().stream().noneMatch(gone::contains));

            Set<String> stayerIds = Set.copyOf(stayers.stream().map(HubTestClient::connectionId).toList());
            assertThat(this.registry.members("g0")).doesNotContainAnyElementsOf(stayerIds)
                .doesNotContainAnyElementsOf(gone);
            for (String group : groups.subList(1, groups.size())) {
                assertThat(this.registry.members(group)).containsAll(stayerIds).doesNotContainAnyElementsOf(gone);
            }
        }
        finally {
            executor.shutdownNow();
            stayers.forEach(HubTestClient::close);
        }
    }

    /**
     * The connection leaves the list and {@code /topic/connections} announces it exactly
     * once; a second event would arrive right after the first, so a short wait suffices.
     */
    private void assertAnnouncedGoneOnce(String connectionId) {
        String gone = "{\"type\":\"disconnected\",\"connectionId\":\"" + connectionId
                + "\",\"user\":\"bob\",\"instance\":\"single\"}";
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.observer.received("/topic/connections").contains(gone));
        await().during(NO_DUPLICATE_WITHIN)
            .atMost(NO_DUPLICATE_WITHIN.multipliedBy(2))
            .until(() -> this.observer.received("/topic/connections").stream().filter(gone::equals).count() == 1);
        assertThat(connectionIds(JSON.readTree(this.observer.request("/app/connections"))))
            .doesNotContain(connectionId);
        assertThat(this.registry.groupsOf(connectionId)).isEmpty();
    }

    private static List<String> connectionIds(JsonNode list) {
        return list.valueStream().map((connection) -> connection.get("connectionId").asString()).toList();
    }

}
