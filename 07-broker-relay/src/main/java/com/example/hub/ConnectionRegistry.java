package com.example.hub;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.example.broker.ClusterConnection;

/**
 * The hub's open connections and the groups each one belongs to, kept on the server so
 * that no client can put itself into a group's audience. Many threads call the hub at
 * once, so every change is atomic per connection and per group. Besides this instance's
 * own connections, it holds those of the other instances, with their groups, as they
 * announce them.
 */
@Component
public class ConnectionRegistry {

    /** Each open connection of this instance, with the groups it has joined. */
    private final ConcurrentMap<String, Set<String>> groupsByConnection = new ConcurrentHashMap<>();

    /** Each group with members on this instance, and those members. */
    private final ConcurrentMap<String, Set<String>> membersByGroup = new ConcurrentHashMap<>();

    /** Each open connection of this instance. */
    private final ConcurrentMap<String, ConnectionInfo> localConnections = new ConcurrentHashMap<>();

    /** Each open connection of the other instances, with its groups. */
    private final ConcurrentMap<String, ClusterConnection> remoteConnections = new ConcurrentHashMap<>();

    public void add(ConnectionInfo connection) {
        this.localConnections.put(connection.connectionId(), connection);
        this.groupsByConnection.putIfAbsent(connection.connectionId(), ConcurrentHashMap.newKeySet());
    }

    /**
     * Removes the connection and its group memberships.
     * @return the connection, only for the call that actually removed it
     */
    Optional<ConnectionInfo> remove(String connectionId) {
        Set<String> groups = this.groupsByConnection.remove(connectionId);
        if (groups == null) {
            return Optional.empty();
        }
        // join() and leave() run while holding the connection's entry, so once it is gone
        // no other thread can change this set.
        groups.forEach((group) -> removeMember(group, connectionId));
        return Optional.ofNullable(this.localConnections.remove(connectionId));
    }

    /** Whether the connection is open, on any instance. */
    public boolean contains(String connectionId) {
        return isLocal(connectionId) || this.remoteConnections.containsKey(connectionId);
    }

    /** Whether the connection is open on this instance. */
    boolean isLocal(String connectionId) {
        return this.groupsByConnection.containsKey(connectionId);
    }

    public int count() {
        return this.localConnections.size() + this.remoteConnections.size();
    }

    Set<String> connectionIds() {
        Set<String> ids = new HashSet<>(this.localConnections.keySet());
        ids.addAll(this.remoteConnections.keySet());
        return ids;
    }

    /** The open connections of the user, on every instance. */
    List<String> connectionsOf(String user) {
        return all().filter((connection) -> connection.user().equals(user)).map(ConnectionInfo::connectionId).toList();
    }

    /** Every open connection of every instance, ordered by connection id. */
    public List<ConnectionInfo> connections() {
        return all().sorted(Comparator.comparing(ConnectionInfo::connectionId)).toList();
    }

    /** Adds the connection to the group, if the connection is still open. */
    List<String> join(String connectionId, String group) {
        this.groupsByConnection.computeIfPresent(connectionId, (id, groups) -> {
            this.membersByGroup.compute(group, (name, members) -> {
                Set<String> updated = (members != null) ? members : ConcurrentHashMap.newKeySet();
                updated.add(id);
                return updated;
            });
            groups.add(group);
            return groups;
        });
        return groupsOf(connectionId);
    }

    List<String> leave(String connectionId, String group) {
        this.groupsByConnection.computeIfPresent(connectionId, (id, groups) -> {
            groups.remove(group);
            removeMember(group, id);
            return groups;
        });
        return groupsOf(connectionId);
    }

    /** The groups a connection of this instance belongs to, in alphabetical order. */
    public List<String> groupsOf(String connectionId) {
        return this.groupsByConnection.getOrDefault(connectionId, Set.of()).stream().sorted().toList();
    }

    /** The group's members, on every instance. */
    public Set<String> members(String group) {
        Set<String> members = new HashSet<>(this.membersByGroup.getOrDefault(group, Set.of()));
        this.remoteConnections.values()
            .stream()
            .filter((remote) -> remote.groups().contains(group))
            .forEach((remote) -> members.add(remote.connection().connectionId()));
        return members;
    }

    /**
     * This instance's connections with their groups, as the other instances learn them.
     */
    public List<ClusterConnection> localConnections() {
        return this.localConnections.values()
            .stream()
            .map((connection) -> new ClusterConnection(connection, groupsOf(connection.connectionId())))
            .toList();
    }

    /** Records another instance's new connection; {@code true} if it was not known. */
    public synchronized boolean addRemote(ConnectionInfo connection) {
        return this.remoteConnections.putIfAbsent(connection.connectionId(),
                new ClusterConnection(connection, List.of())) == null;
    }

    public synchronized Optional<ConnectionInfo> removeRemote(String connectionId) {
        return Optional.ofNullable(this.remoteConnections.remove(connectionId)).map(ClusterConnection::connection);
    }

    public synchronized void setRemoteGroups(String connectionId, List<String> groups) {
        this.remoteConnections.computeIfPresent(connectionId,
                (id, remote) -> new ClusterConnection(remote.connection(), groups));
    }

    /** Makes the instance's connections exactly these, and says what that changed. */
    public synchronized RemoteChanges replaceRemote(String instance, List<ClusterConnection> connections) {
        Map<String, ClusterConnection> now = new HashMap<>();
        connections.forEach((remote) -> now.put(remote.connection().connectionId(), remote));
        List<ConnectionInfo> removed = removeInstance(instance, (connectionId) -> !now.containsKey(connectionId));
        List<ConnectionInfo> added = connections.stream()
            .filter((remote) -> this.remoteConnections.put(remote.connection().connectionId(), remote) == null)
            .map(ClusterConnection::connection)
            .toList();
        return new RemoteChanges(added, removed);
    }

    /** Forgets every connection of the instance, and returns them. */
    public synchronized List<ConnectionInfo> removeInstance(String instance) {
        return removeInstance(instance, (connectionId) -> true);
    }

    private List<ConnectionInfo> removeInstance(String instance, Predicate<String> which) {
        List<ConnectionInfo> removed = this.remoteConnections.values()
            .stream()
            .map(ClusterConnection::connection)
            .filter((connection) -> connection.instance().equals(instance) && which.test(connection.connectionId()))
            .toList();
        removed.forEach((connection) -> this.remoteConnections.remove(connection.connectionId()));
        return removed;
    }

    private Stream<ConnectionInfo> all() {
        return Stream.concat(this.localConnections.values().stream(),
                this.remoteConnections.values().stream().map(ClusterConnection::connection));
    }

    private void removeMember(String group, String connectionId) {
        this.membersByGroup.computeIfPresent(group, (name, members) -> {
            members.remove(connectionId);
            return members.isEmpty() ? null : members;
        });
    }

    /** What replacing an instance's connections added and removed. */
    public record RemoteChanges(List<ConnectionInfo> added, List<ConnectionInfo> removed) {

    }

}
