package com.example.cluster;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import com.example.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local Redis of {@code spring-boot:run}: a Redis already on the port is used, and
 * anything else there is refused with a message that says so.
 */
class LocalRedisTests {

    @Test
    void redisAlreadyOnThePortIsUsed() throws Exception {
        try (TestRedis running = TestRedis.start(); LocalRedis local = LocalRedis.startOrReuse(running.port())) {
            assertThat(local.port()).isEqualTo(running.port());
        }
    }

    @Test
    void somethingElseOnThePortIsRefused() throws Exception {
        // Accepts the connection and never answers, as a server of another protocol
        // would.
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatIllegalStateException().isThrownBy(() -> LocalRedis.startOrReuse(other.getLocalPort()))
                .withMessageContaining("not Redis")
                .withMessageContaining("spring.data.redis.host");
        }
    }

}
