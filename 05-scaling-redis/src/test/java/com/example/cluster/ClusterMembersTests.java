package com.example.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.hub.ConnectionEvent;
import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.hub.HubClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The cluster view on its own, with the backplane and the clients replaced by mocks and
 * times chosen by the test: what other instances say, what a silent instance costs.
 */
class ClusterMembersTests {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final ConnectionRegistry registry = new ConnectionRegistry();

    private final Backplane backplane = mock(Backplane.class);

    private final HubClients clients = mock(HubClients.class);

    private final ClusterMembers members = new ClusterMembers(this.backplane, this.registry, this.clients,
            new ClusterProperties(INTERVAL));

    private final ConnectionInfo bobOnB = new ConnectionInfo("b1", "bob", "b");

    private final ConnectionInfo carolOnB = new ConnectionInfo("b2", "carol", "b");

    @Test
    void presenceAddsAndRemovesTheInstancesConnectionsAndAnnouncesTheDifference() {
        this.members.receive("b", presence(this.bobOnB));
        this.members.receive("b", presence(this.carolOnB));

        assertThat(this.registry.connections()).containsExactly(this.carolOnB);
        verify(this.clients).announceLocally(ConnectionEvent.connected(this.bobOnB));
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
        verify(this.clients).announceLocally(ConnectionEvent.connected(this.carolOnB));
    }

    @Test
    void aConnectionAnnouncedTwiceIsAnnouncedLocallyOnce() {
        this.members.receive("b", new BackplaneMessage.ConnectionChanged(ConnectionEvent.connected(this.bobOnB)));
        this.members.receive("b", presence(this.bobOnB));
        this.members.receive("b", new BackplaneMessage.ConnectionChanged(ConnectionEvent.disconnected(this.bobOnB)));
        this.members.receive("b", new BackplaneMessage.ConnectionChanged(ConnectionEvent.disconnected(this.bobOnB)));

        verify(this.clients).announceLocally(ConnectionEvent.connected(this.bobOnB));
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
        assertThat(this.registry.connections()).isEmpty();
    }

    @Test
    void groupsOfAnotherInstancesConnectionsCountAsMembers() {
        this.members.receive("b", new BackplaneMessage.ConnectionChanged(ConnectionEvent.connected(this.bobOnB)));

        this.members.receive("b", new BackplaneMessage.GroupsChanged("b1", List.of("chess", "tea")));
        assertThat(this.registry.members("tea")).containsExactly("b1");
        this.members.receive("b", new BackplaneMessage.GroupsChanged("b1", List.of("chess")));
        assertThat(this.registry.members("tea")).isEmpty();
        // Presence repairs what a lost change left behind.
        this.members.receive("b",
                new BackplaneMessage.Presence(List.of(new ClusterConnection(this.bobOnB, List.of("tea")),
                        new ClusterConnection(this.carolOnB, List.of("tea")))));
        assertThat(this.registry.members("tea")).containsExactlyInAnyOrder("b1", "b2");
        assertThat(this.registry.members("chess")).isEmpty();
    }

    @Test
    void instanceSilentForThreeIntervalsLosesItsConnections() {
        given(this.backplane.isReachable()).willReturn(true);
        this.members.receive("b", presence(this.bobOnB, this.carolOnB));

        this.members.forgetSilentInstances(Instant.now().plus(INTERVAL.multipliedBy(2)));
        assertThat(this.registry.connections()).hasSize(2);
        this.members.forgetSilentInstances(Instant.now().plus(INTERVAL.multipliedBy(3)).plusSeconds(1));

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.carolOnB));
    }

    @Test
    void whileCutOffFromRedisItselfNoInstanceIsTakenForGone() {
        given(this.backplane.isReachable()).willReturn(false);
        this.members.receive("b", presence(this.bobOnB));

        this.members.forgetSilentInstances(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(this.registry.connections()).containsExactly(this.bobOnB);
        verify(this.clients, never()).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
    }

    @Test
    void backFromAnOutageItGivesTheOthersAFullSilenceLimitToBeHeardAgain() {
        given(this.backplane.isReachable()).willReturn(true);
        this.members.receive("b", presence(this.bobOnB));
        Instant back = Instant.now().plus(Duration.ofMinutes(5));
        given(this.backplane.isReachable()).willReturn(false);
        this.members.forgetSilentInstances(back.minusSeconds(1));
        given(this.backplane.isReachable()).willReturn(true);

        this.members.forgetSilentInstances(back);
        assertThat(this.registry.connections()).containsExactly(this.bobOnB);
        this.members.forgetSilentInstances(back.plus(INTERVAL.multipliedBy(3)).plusSeconds(1));

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
    }

    @Test
    void leavingInstanceLosesItsConnectionsAtOnce() {
        this.members.receive("b", presence(this.bobOnB));

        this.members.receive("b", new BackplaneMessage.Leaving());

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceLocally(ConnectionEvent.disconnected(this.bobOnB));
    }

    private static BackplaneMessage.Presence presence(ConnectionInfo... connections) {
        return new BackplaneMessage.Presence(List.of(connections)
            .stream()
            .map((connection) -> new ClusterConnection(connection, List.of()))
            .toList());
    }

}
