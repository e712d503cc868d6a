package com.example.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.example.hub.ConnectionEvent;
import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.hub.HubClients;

/**
 * This instance's view of the connections on the other instances, kept from what they
 * publish: a change whenever a connection opens, closes or changes groups, and their full
 * list every {@code hub.cluster.presence-interval}. An instance that says it is leaving,
 * or stays silent for three intervals, loses its connections: no ghosts in anyone's list.
 * The pages hear of a change from the instance it happened on; of what an instance finds
 * out about another (a connection gone), from one instance only: the first by name of the
 * others still there.
 */
@Component
class ClusterMembers implements SchedulingConfigurer {

    private final MembershipChannel membership;

    private final ConnectionRegistry registry;

    private final HubClients clients;

    private final InstanceName instance;

    private final Duration presenceInterval;

    private final Duration silenceLimit;

    /** When each other instance was last heard from. */
    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();

    /**
     * Whether the broker was unreachable at the last check; used by the scheduler's
     * thread only.
     */
    private boolean wasCutOff;

    ClusterMembers(MembershipChannel membership, ConnectionRegistry registry, HubClients clients, InstanceName instance,
            ClusterProperties cluster) {
        this.membership = membership;
        this.registry = registry;
        this.clients = clients;
        this.instance = instance;
        this.presenceInterval = cluster.presenceInterval();
        this.silenceLimit = this.presenceInterval.multipliedBy(3);
        membership.onMessage(this::receive);
    }

    /**
     * Has Spring's scheduler call {@link #publishPresence()} every
     * {@code hub.cluster.presence-interval}.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::publishPresence, this.presenceInterval);
    }

    /**
     * Says "still here, with these connections", and forgets instances that went silent.
     */
    void publishPresence() {
        this.membership.publishMembership(() -> new MembershipMessage.Presence(this.registry.localConnections()));
        forgetSilentInstances(Instant.now());
    }

    synchronized void forgetSilentInstances(Instant now) {
        // Cut off from the broker ourselves, we cannot tell a silent instance from a live
        // one.
        if (!this.membership.isReachable()) {
            this.wasCutOff = true;
            return;
        }
        // Just back: the others were silent because we could not hear them. Give them a
        // full silence limit to be heard again, instead of forgetting them all at once.
        if (this.wasCutOff) {
            this.wasCutOff = false;
            this.lastHeard.replaceAll((instance, heard) -> now);
            return;
        }
        List<String> silent = this.lastHeard.entrySet()
            .stream()
            .filter((heard) -> heard.getValue().plus(this.silenceLimit).isBefore(now))
            .map(Map.Entry::getKey)
            .toList();
        // All of them first: one that is gone must not be left to tell the pages about
        // another.
        silent.forEach(this.lastHeard::remove);
        silent.forEach(this::forget);
    }

    /**
     * Runs on the membership channel.s receiving thread, and
     * {@link #forgetSilentInstances} on the scheduler's: both are synchronized, so that
     * each change to the list and its announcement happen together and every page hears
     * of them in order.
     */
    synchronized void receive(String instance, MembershipMessage message) {
        boolean newcomer = this.lastHeard.put(instance, Instant.now()) == null;
        if (message instanceof MembershipMessage.ConnectionChanged changed) {
            ConnectionEvent event = changed.event();
            ConnectionInfo connection = new ConnectionInfo(event.connectionId(), event.user(), event.instance());
            // The pages heard of it from the broker, sent by the instance it happened on.
            if (event.type().equals("connected")) {
                this.registry.addRemote(connection);
            }
            else {
                this.registry.removeRemote(connection.connectionId());
            }
        }
        else if (message instanceof MembershipMessage.GroupsChanged changed) {
            this.registry.setRemoteGroups(changed.connectionId(), changed.groups());
        }
        else if (message instanceof MembershipMessage.Presence presence) {
            // A connection gone from the list is gone for good. One new to this instance
            // was announced by its own, and an announcement from here could reach the
            // pages after that instance's "disconnected".
            this.registry.replaceRemote(instance, presence.connections())
                .removed()
                .forEach((connection) -> announce(ConnectionEvent.disconnected(connection)));
        }
        else if (message instanceof MembershipMessage.Leaving) {
            forget(instance);
            return;
        }
        if (newcomer) {
            introduce();
        }
    }

    /**
     * Tells the others at once, not at the next presence, which connections this instance
     * has, and every page again that they are connected: on reaching the broker, and on
     * hearing an instance for the first time, whose pages may have taken their list
     * before it heard of these. Published as one, after every change before it and before
     * any after it, so a connection's "connected" never follows its "disconnected".
     */
    void introduce() {
        this.membership.publishMembership(() -> {
            List<ClusterConnection> connections = this.registry.localConnections();
            connections.forEach((local) -> this.clients.announceToAll(ConnectionEvent.connected(local.connection())));
            return new MembershipMessage.Presence(connections);
        });
    }

    @EventListener
    void brokerAvailability(BrokerAvailabilityEvent event) {
        if (event.isBrokerAvailable()) {
            introduce();
        }
    }

    private synchronized void forget(String instance) {
        this.lastHeard.remove(instance);
        this.registry.removeInstance(instance)
            .forEach((connection) -> announce(ConnectionEvent.disconnected(connection)));
    }

    /**
     * Tells every page, if no other instance will: of the instances still heard, the one
     * whose connection it is aside, this one comes first by name.
     */
    private void announce(ConnectionEvent event) {
        if (this.lastHeard.keySet()
            .stream()
            .filter((other) -> !other.equals(event.instance()))
            .allMatch((other) -> this.instance.value().compareTo(other) < 0)) {
            this.clients.announceToAll(event);
        }
    }

}
