package com.example.broker;

import org.junit.jupiter.api.Test;

import com.example.hub.ConnectionRegistry;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances, then one of them stops: the other drops the stopped instance's
 * connections from its list and announces them as gone. The staying instance checks for
 * silent instances only once a minute here, so only the stopping one's goodbye can
 * explain a prompt announcement.
 */
class InstanceShutdownTests {

    @Test
    void stoppedInstancesConnectionsLeaveTheOtherInstancesList() throws Exception {
        try (TestBroker broker = TestBroker.start();
                HubInstance a = HubInstance.start("staying", broker, "hub.cluster.presence-interval=1m");
                HubTestClient alice = HubTestClient.connect(a.port(), "alice", "/topic/connections")) {
            HubInstance b = HubInstance.start("stopping", broker);
            HubTestClient bob = HubTestClient.connect(b.port(), "bob");
            await().atMost(HubTestClient.TIMEOUT)
                .until(() -> alice.request("/app/connections").contains(bob.connectionId()));

            b.close();

            String gone = "{\"type\":\"disconnected\",\"connectionId\":\"" + bob.connectionId()
                    + "\",\"user\":\"bob\",\"instance\":\"stopping\"}";
            await().atMost(HubTestClient.TIMEOUT).until(() -> alice.received("/topic/connections").contains(gone));
            assertThat(alice.request("/app/connections")).doesNotContain(bob.connectionId());
            assertThat(a.bean(ConnectionRegistry.class).connections())
                .noneMatch((connection) -> connection.instance().equals("stopping"));
        }
    }

}
