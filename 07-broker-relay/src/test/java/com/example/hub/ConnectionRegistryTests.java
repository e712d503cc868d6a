package com.example.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on its own, hammered from many threads at once: whatever the interleaving
 * of joins, leaves and removals, no group keeps a member whose connection is gone.
 */
class ConnectionRegistryTests {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void joinLeaveAndRemoveKeepBothViewsInStep() {
        this.registry.add(new ConnectionInfo("a", "alice", "here"));
        this.registry.add(new ConnectionInfo("b", "bob", "here"));

        assertThat(this.registry.join("a", "tea")).containsExactly("tea");
        assertThat(this.registry.join("a", "chess")).containsExactly("chess", "tea");
        assertThat(this.registry.join("b", "tea")).containsExactly("tea");
        assertThat(this.registry.members("tea")).containsExactlyInAnyOrder("a", "b");
        assertThat(this.registry.leave("a", "tea")).containsExactly("chess");
        assertThat(this.registry.members("tea")).containsExactly("b");

        assertThat(this.registry.remove("b")).contains(new ConnectionInfo("b", "bob", "here"));
        assertThat(this.registry.remove("b")).isEmpty();
        assertThat(this.registry.members("tea")).isEmpty();
        assertThat(this.registry.connectionIds()).containsExactly("a");
    }

    @Test
    void joinAfterRemoveIsIgnored() {
        this.registry.add(new ConnectionInfo("a", "alice", "here"));
        this.registry.remove("a");

        assertThat(this.registry.join("a", "tea")).isEmpty();
        assertThat(this.registry.members("tea")).isEmpty();
    }

    @RepeatedTest(5)
    void concurrentJoinsLeavesAndRemovalsLeaveNoStaleMembers() throws Exception {
        List<String> connections = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connections.add("c" + i);
            this.registry.add(new ConnectionInfo("c" + i, "user" + i, "here"));
        }
        List<String> groups = List.of("g0", "g1", "g2", "g3", "g4");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (String connection : connections) {
            boolean removed = connection.hashCode() % 2 == 0;
            tasks.add(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 200; i++) {
                    String group = groups.get(random.nextInt(groups.size()));
                    if (random.nextBoolean()) {
                        this.registry.join(connection, group);
                    }
                    else {
                        this.registry.leave(connection, group);
                    }
                }
                return null;
            });
            if (removed) {
                // Removal races with the connection's own joins and leaves.
                tasks.add(() -> {
                    start.await();
                    this.registry.remove(connection);
                    return null;
                });
            }
        }
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            tasks.forEach((task) -> futures.add(executor.submit(task)));
            start.countDown();
            for (Future<Void> future : futures) {
                future.get();
            }
        }
        finally {
            executor.shutdownNow();
        }

        Set<String> open = this.registry.connectionIds();
        assertThat(open).hasSize((int) connections.stream().filter((c) -> c.hashCode() % 2 != 0).count());
        for (String group : groups) {
            assertThat(open).containsAll(this.registry.members(group));
            for (String connection : connections) {
                boolean member = this.registry.members(group).contains(connection);
                assertThat(this.registry.groupsOf(connection).contains(group)).isEqualTo(member);
            }
        }
    }

}
