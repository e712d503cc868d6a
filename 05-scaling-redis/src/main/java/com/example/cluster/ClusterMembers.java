package com.example.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 */
@Component
class ClusterMembers implements SchedulingConfigurer {

    private final Backplane backplane;

    private final ConnectionRegistry registry;

    private final HubClients clients;

    private final Duration presenceInterval;

    private final Duration silenceLimit;

    /** When each other instance was last heard from. */
    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();

    /**
     * Whether Redis was unreachable at the last check; used by the scheduler's thread
     * only.
     */
    private boolean wasCutOff;

    ClusterMembers(Backplane backplane, ConnectionRegistry registry, HubClients clients, ClusterProperties cluster) {
        this.backplane = backplane;
        this.registry = registry;
        this.clients = clients;
        this.presenceInterval = cluster.presenceInterval();
        this.silenceLimit = this.presenceInterval.multipliedBy(3);
        backplane.onMessage(this::receive);
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
        this.backplane.publishMembership(() -> new BackplaneMessage.Presence(this.registry.localConnections()));
        forgetSilentInstances(Instant.now());
    }

    void forgetSilentInstances(Instant now) {
        // Cut off from Redis ourselves, we cannot tell a silent instance from a live one.
        if (!this.backplane.isReachable()) {
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
        this.lastHeard.forEach((instance, heard) -> {
            if (heard.plus(this.silenceLimit).isBefore(now)) {
                forget(instance);
            }
        });
    }

    /**
     * Runs on the Redis listener's thread, and {@link #forget} also on the scheduler's:
     * both are synchronized, so that each change to the list and its announcement happen
     * together and every page hears of them in order.
     */
    synchronized void receive(String instance, BackplaneMessage message) {
        this.lastHeard.put(instance, Instant.now());
        if (message instanceof BackplaneMessage.ConnectionChanged changed) {
            ConnectionEvent event = changed.event();
            ConnectionInfo connection = new ConnectionInfo(event.connectionId(), event.user(), event.instance());
            boolean changedHere = event.type().equals("connected") ? this.registry.addRemote(connection)
                    : this.registry.removeRemote(connection.connectionId()).isPresent();
            if (changedHere) {
                this.clients.announceLocally(event);
            }
        }
        else if (message instanceof BackplaneMessage.GroupsChanged changed) {
            this.registry.setRemoteGroups(changed.connectionId(), changed.groups());
        }
        else if (message instanceof BackplaneMessage.Presence presence) {
            ConnectionRegistry.RemoteChanges changes = this.registry.replaceRemote(instance, presence.connections());
            changes.added()
                .forEach((connection) -> this.clients.announceLocally(ConnectionEvent.connected(connection)));
            changes.removed()
                .forEach((connection) -> this.clients.announceLocally(ConnectionEvent.disconnected(connection)));
        }
        else if (message instanceof BackplaneMessage.Leaving) {
            forget(instance);
        }
    }

    private synchronized void forget(String instance) {
        this.lastHeard.remove(instance);
        this.registry.removeInstance(instance)
            .forEach((connection) -> this.clients.announceLocally(ConnectionEvent.disconnected(connection)));
    }

}
