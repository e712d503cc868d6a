package com.example.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.HubMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The backplane on its own, with Redis replaced by a mock that records what is published,
 * and threads stopped where the test needs them.
 */
class BackplaneTests {

    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

    private final Backplane backplane = new Backplane(this.redis, JsonMapper.shared(), new InstanceName("here"));

    /**
     * A shutdown while a list of connections is being published: the goodbye goes out
     * after the list, never before it, and nothing goes out after the goodbye.
     */
    @Test
    void goodbyeWaitsForAListBeingPublishedAndEndsPublishing() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> presence = CompletableFuture.runAsync(() -> this.backplane.publishMembership(() -> {
            building.countDown();
            await().until(() -> finish.getCount() == 0);
            return new BackplaneMessage.Presence(List.of());
        }));
        building.await();

        Thread leaving = new Thread(this.backplane::leave);
        leaving.start();
        await().until(() -> leaving.getState() == Thread.State.BLOCKED || !leaving.isAlive());
        finish.countDown();
        presence.get();
        leaving.join();
        this.backplane.publish(new BackplaneMessage.ToAll(HubMessage.announcement("too late")));

        ArgumentCaptor<String> published = ArgumentCaptor.forClass(String.class);
        verify(this.redis, times(2)).convertAndSend(eq(Backplane.CHANNEL), published.capture());
        assertThat(published.getAllValues()).satisfiesExactly(
                (first) -> assertThat(first).contains("\"type\":\"presence\""),
                (second) -> assertThat(second).contains("\"type\":\"leaving\""));
    }

}
