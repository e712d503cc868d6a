package com.example.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.json.JsonMapper;

import com.example.hub.HubMessage;
import com.example.support.CapturedLog;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
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

        Thread leaving = new Thread(() -> {
            try {
                this.backplane.leave();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
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

    /**
     * Redis stops answering: the hub's threads never wait for it, messages queue up to
     * the limit, and those beyond it are dropped, counted and logged once.
     */
    @Test
    void messagesBeyondTheQueueLimitAreDroppedCountedAndLoggedOnce() throws Exception {
        CountDownLatch redisAnswers = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(1);
        doAnswer((invocation) -> {
            sending.countDown();
            redisAnswers.await();
            return 1L;
        }).when(this.redis).convertAndSend(eq(Backplane.CHANNEL), anyString());
        BackplaneMessage message = new BackplaneMessage.ToAll(HubMessage.announcement("hello"));

        try (CapturedLog log = CapturedLog.of(Backplane.class, Level.WARN)) {
            this.backplane.publish(message);
            sending.await();
            for (int i = 0; i < Backplane.QUEUE_LIMIT + 5; i++) {
                this.backplane.publish(message);
            }

            assertThat(this.backplane.waiting()).isEqualTo(Backplane.QUEUE_LIMIT);
            assertThat(this.backplane.lost()).isEqualTo(5);
            assertThat(log.lines()).singleElement().asString().contains("not keeping up", "10000 messages");
        }
        finally {
            redisAnswers.countDown();
        }
        await().atMost(HubTestClient.TIMEOUT).until(() -> this.backplane.waiting() == 0);
        assertThat(this.backplane.published()).isEqualTo(Backplane.QUEUE_LIMIT + 1);
    }

}
