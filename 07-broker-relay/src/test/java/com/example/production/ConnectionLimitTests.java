package com.example.production;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import com.example.hub.ConnectionInfo;
import com.example.hub.ConnectionRegistry;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawWebSocket;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user's connections past the cap are refused with an ERROR frame, never listed and
 * never relayed to the broker; the user's other connections, and other users, go on, and
 * closing one makes room.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ConnectionLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    LimitsProperties limits;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    @Qualifier("stompBrokerRelayMessageHandler")
    AbstractBrokerMessageHandler relay;

    @Test
    void connectionsPastTheCapAreRefusedAndTheOthersGoOn() throws Exception {
        String token = Tokens.issue(this.port, "alice");
        List<HubTestClient> alices = new ArrayList<>();
        try (HubTestClient bob = HubTestClient.connect(this.port, "bob", "/topic/messages")) {
            for (int i = 0; i < this.limits.connectionsPerUser(); i++) {
                alices.add(HubTestClient.connectWithToken(this.port, token, "/topic/messages"));
            }

            int brokerConnections = ((StompBrokerRelayMessageHandler) this.relay).getConnectionCount();
            assertThat(refusal(token))
                .contains("message:You have " + this.limits.connectionsPerUser() + " connections open")
                .contains("{\"error\":\"too-many-connections\"");

            assertThat(connectionsOf("alice")).hasSize(this.limits.connectionsPerUser());
            assertThat(((StompBrokerRelayMessageHandler) this.relay).getConnectionCount()).isEqualTo(brokerConnections);
            alices.get(0).send("/app/sendMessageToAll", "{\"text\":\"still here\"}");
            for (HubTestClient client : alices) {
                client.awaitReceived("/topic/messages", 1);
            }
            bob.awaitReceived("/topic/messages", 1);

            // Closing one makes room for another.
            HubTestClient closed = alices.remove(0);
            closed.close();
            await().atMost(HubTestClient.TIMEOUT).until(() -> !this.registry.contains(closed.connectionId()));
            alices.add(HubTestClient.connectWithToken(this.port, token));
            refusal(token);
        }
        finally {
            alices.forEach(HubTestClient::close);
        }
    }

    /**
     * Connects as a STOMP client would, expecting an ERROR frame and then the server's
     * close; returns the ERROR frame.
     */
    private String refusal(String token) throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(this.port, token)) {
            socket.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\n\n");
            String answer = socket.nextText();
            assertThat(answer).startsWith("ERROR\n");
            assertThat(socket.readUntilServerLetsGo()).containsExactly("CLOSE");
            return answer;
        }
    }

    private List<ConnectionInfo> connectionsOf(String user) {
        return this.registry.connections().stream().filter((connection) -> connection.user().equals(user)).toList();
    }

}
