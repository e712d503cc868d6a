package com.example.broker;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import com.example.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local broker of {@code spring-boot:run}: a STOMP broker already on the port is
 * used, and anything else there is refused with a message that says so.
 */
class LocalBrokerTests {

    @Test
    void brokerAlreadyOnThePortIsUsed() throws Exception {
        try (TestBroker running = TestBroker.start(); LocalBroker local = LocalBroker.startOrReuse(running.port())) {
            assertThat(local.port()).isEqualTo(running.port());
        }
    }

    @Test
    void somethingElseOnThePortIsRefused() throws Exception {
        // Accepts the connection and never answers, as a server of another protocol
        // would.
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatIllegalStateException().isThrownBy(() -> LocalBroker.startOrReuse(other.getLocalPort()))
                .withMessageContaining("not a STOMP broker")
                .withMessageContaining("hub.broker.host");
        }
    }

}
