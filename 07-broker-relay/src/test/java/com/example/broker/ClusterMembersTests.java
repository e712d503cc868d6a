package com.example.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.example.hub.ConnectionEvent;
import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.hub.HubClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The cluster view on its own, with the membership channel and the clients replaced by
 * mocks and times chosen by the test: what other instances say, what a silent instance
 * costs.
 */
class ClusterMembersTests {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final ConnectionRegistry registry = new ConnectionRegistry();

    private final MembershipChannel membership = mock(MembershipChannel.class);

    private final HubClients clients = mock(HubClients.class);

    private final ClusterMembers members = new ClusterMembers(this.membership, this.registry, this.clients,
            new InstanceName("a"), new ClusterProperties(INTERVAL));

    private final ConnectionInfo bobOnB = new ConnectionInfo("b1", "bob", "b");

    private final ConnectionInfo carolOnB = new ConnectionInfo("b2", "carol", "b");

    /**
     * A connection new to this instance was announced by its own: from here, the
     * "connected" could reach the pages after that instance's "disconnected".
     */
    @Test
    void presenceAddsAndRemovesTheInstancesConnectionsAndAnnouncesOnlyThoseGone() {
        this.members.receive("b", presence(this.bobOnB));
        this.members.receive("b", presence(this.carolOnB));

        assertThat(this.registry.connections()).containsExactly(this.carolOnB);
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
        verify(this.clients, never()).announceToAll(ConnectionEvent.connected(this.bobOnB));
        verify(this.clients, never()).announceToAll(ConnectionEvent.connected(this.carolOnB));
    }

    /**
     * A new instance's pages may have taken their list before it heard of this instance's
     * connections: this one tells it, and every page, at once.
     */
    @Test
    void instanceHeardForTheFirstTimeHearsThisOnesConnectionsAtOnce() {
        ConnectionInfo aliceOnA = new ConnectionInfo("a1", "alice", "a");
        this.registry.add(aliceOnA);

        this.members.receive("b", presence());
        this.members.receive("b", presence());

        ArgumentCaptor<Supplier<MembershipMessage>> published = ArgumentCaptor.captor();
        verify(this.membership).publishMembership(published.capture());
        assertThat(published.getValue().get())
            .isEqualTo(new MembershipMessage.Presence(List.of(new ClusterConnection(aliceOnA, List.of()))));
        verify(this.clients).announceToAll(ConnectionEvent.connected(aliceOnA));
    }

    /** The pages heard of these changes from the instance they happened on. */
    @Test
    void changesAnnouncedByTheirInstanceAreNotAnnouncedAgain() {
        this.members.receive("b", new MembershipMessage.ConnectionChanged(ConnectionEvent.connected(this.bobOnB)));
        this.members.receive("b", presence(this.bobOnB));
        assertThat(this.registry.connections()).containsExactly(this.bobOnB);
        this.members.receive("b", new MembershipMessage.ConnectionChanged(ConnectionEvent.disconnected(this.bobOnB)));
        this.members.receive("b", new MembershipMessage.ConnectionChanged(ConnectionEvent.disconnected(this.bobOnB)));

        verify(this.clients, never()).announceToAll(any());
        assertThat(this.registry.connections()).isEmpty();
    }

    /**
     * What the instances find out about another, every one of them at once, reaches the
     * pages once: from the first instance by name.
     */
    @Test
    void onlyTheFirstInstanceByNameTellsThePagesWhatItFoundOut() {
        ClusterMembers onC = new ClusterMembers(this.membership, this.registry, this.clients, new InstanceName("c"),
                new ClusterProperties(INTERVAL));
        onC.receive("a", presence());
        onC.receive("b", presence(this.bobOnB));

        onC.receive("b", new MembershipMessage.Leaving());
        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients, never()).announceToAll(any());

        onC.receive("a", new MembershipMessage.Leaving());
        ConnectionInfo daveOnD = new ConnectionInfo("d1", "dave", "d");
        onC.receive("d", presence(daveOnD));
        onC.receive("d", presence());
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(daveOnD));
    }

    /**
     * The instance a change is about cannot tell the pages: the next one by name does.
     */
    @Test
    void whatTheFirstInstanceByNameLeftUnsaidTheNextOneSays() {
        ConnectionInfo aliceOnA = new ConnectionInfo("a1", "alice", "a");
        ClusterMembers onB = new ClusterMembers(this.membership, this.registry, this.clients, new InstanceName("b"),
                new ClusterProperties(INTERVAL));

        onB.receive("a", presence(aliceOnA));
        onB.receive("a", presence());

        verify(this.clients).announceToAll(ConnectionEvent.disconnected(aliceOnA));
    }

    @Test
    void groupsOfAnotherInstancesConnectionsCountAsMembers() {
        this.members.receive("b", new MembershipMessage.ConnectionChanged(ConnectionEvent.connected(this.bobOnB)));

        this.members.receive("b", new MembershipMessage.GroupsChanged("b1", List.of("chess", "tea")));
        assertThat(this.registry.members("tea")).containsExactly("b1");
        this.members.receive("b", new MembershipMessage.GroupsChanged("b1", List.of("chess")));
        assertThat(this.registry.members("tea")).isEmpty();
        // Presence repairs what a lost change left behind.
        this.members.receive("b",
                new MembershipMessage.Presence(List.of(new ClusterConnection(this.bobOnB, List.of("tea")),
                        new ClusterConnection(this.carolOnB, List.of("tea")))));
        assertThat(this.registry.members("tea")).containsExactlyInAnyOrder("b1", "b2");
        assertThat(this.registry.members("chess")).isEmpty();
    }

    @Test
    void instanceSilentForThreeIntervalsLosesItsConnections() {
        given(this.membership.isReachable()).willReturn(true);
        this.members.receive("b", presence(this.bobOnB, this.carolOnB));

        this.members.forgetSilentInstances(Instant.now().plus(INTERVAL.multipliedBy(2)));
        assertThat(this.registry.connections()).hasSize(2);
        this.members.forgetSilentInstances(Instant.now().plus(INTERVAL.multipliedBy(3)).plusSeconds(1));

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.carolOnB));
    }

    /**
     * Two instances that went silent together: the one left tells the pages about both,
     * instead of waiting for the first of the two by name to do it.
     */
    @Test
    void instancesSilentTogetherAreAllAnnouncedByTheOneLeft() {
        given(this.membership.isReachable()).willReturn(true);
        ClusterMembers onC = new ClusterMembers(this.membership, this.registry, this.clients, new InstanceName("c"),
                new ClusterProperties(INTERVAL));
        ConnectionInfo aliceOnA = new ConnectionInfo("a1", "alice", "a");
        onC.receive("a", presence(aliceOnA));
        onC.receive("b", presence(this.bobOnB));

        onC.forgetSilentInstances(Instant.now().plus(INTERVAL.multipliedBy(3)).plusSeconds(1));

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(aliceOnA));
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
    }

    @Test
    void whileCutOffFromTheBrokerItselfNoInstanceIsTakenForGone() {
        given(this.membership.isReachable()).willReturn(false);
        this.members.receive("b", presence(this.bobOnB));

        this.members.forgetSilentInstances(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(this.registry.connections()).containsExactly(this.bobOnB);
        verify(this.clients, never()).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
    }

    @Test
    void backFromAnOutageItGivesTheOthersAFullSilenceLimitToBeHeardAgain() {
        given(this.membership.isReachable()).willReturn(true);
        this.members.receive("b", presence(this.bobOnB));
        Instant back = Instant.now().plus(Duration.ofMinutes(5));
        given(this.membership.isReachable()).willReturn(false);
        this.members.forgetSilentInstances(back.minusSeconds(1));
        given(this.membership.isReachable()).willReturn(true);

        this.members.forgetSilentInstances(back);
        assertThat(this.registry.connections()).containsExactly(this.bobOnB);
        this.members.forgetSilentInstances(back.plus(INTERVAL.multipliedBy(3)).plusSeconds(1));

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
    }

    @Test
    void leavingInstanceLosesItsConnectionsAtOnce() {
        this.members.receive("b", presence(this.bobOnB));

        this.members.receive("b", new MembershipMessage.Leaving());

        assertThat(this.registry.connections()).isEmpty();
        verify(this.clients).announceToAll(ConnectionEvent.disconnected(this.bobOnB));
    }

    private static MembershipMessage.Presence presence(ConnectionInfo... connections) {
        return new MembershipMessage.Presence(List.of(connections)
            .stream()
            .map((connection) -> new ClusterConnection(connection, List.of()))
            .toList());
    }

}
