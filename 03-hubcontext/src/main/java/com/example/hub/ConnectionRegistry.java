package com.example.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * The hub's open connections and the groups each one belongs to, kept on the server so
 * that no client can put itself into a group's audience. Many threads call the hub at
 * once, so every change is atomic per connection and per group.
 */
@Component
public class ConnectionRegistry {

    /** Each open connection, with the groups it has joined. */
    private final ConcurrentMap<String, Set<String>> groupsByConnection = new ConcurrentHashMap<>();

    /** Each group with members, and its members; a group left empty is removed. */
    private final ConcurrentMap<String, Set<String>> membersByGroup = new ConcurrentHashMap<>();

    public void add(String connectionId) {
        this.groupsByConnection.putIfAbsent(connectionId, ConcurrentHashMap.newKeySet());
    }

    /**
     * Removes the connection and its group memberships.
     * @return {@code true} only for the call that actually removed it
     */
    boolean remove(String connectionId) {
        Set<String> groups = this.groupsByConnection.remove(connectionId);
        if (groups == null) {
            return false;
        }
        // join() and leave() run while holding the connection's entry, so once it is gone
        // no other thread can change this set.
        groups.forEach((group) -> removeMember(group, connectionId));
        return true;
    }

    boolean contains(String connectionId) {
        return this.groupsByConnection.containsKey(connectionId);
    }

    public int count() {
        return this.groupsByConnection.size();
    }

    Set<String> connectionIds() {
        return Set.copyOf(this.groupsByConnection.keySet());
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

    /** The groups the connection belongs to, in alphabetical order. */
    List<String> groupsOf(String connectionId) {
        return this.groupsByConnection.getOrDefault(connectionId, Set.of()).stream().sorted().toList();
    }

    Set<String> members(String group) {
        return Set.copyOf(this.membersByGroup.getOrDefault(group, Set.of()));
    }

    private void removeMember(String group, String connectionId) {
        this.membersByGroup.computeIfPresent(group, (name, members) -> {
            members.remove(connectionId);
            return members.isEmpty() ? null : members;
        });
    }

}
