package com.example.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local broker of {@code spring-boot:run}: it takes the relay's two logins and no
 * others, the client login for subscriptions to a client's destinations only; a STOMP
 * broker already on the port is used, one that refuses the relay's login and anything
 * else there are refused with a message that says so.
 */
class LocalBrokerTests {

    static TestBroker broker;

    static LocalBroker.Logins logins = TestBroker.LOGINS;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", textBlock = """
            no login,                         none,         none
            the brokers' default,             guest,        guest
            the system login's wrong passcode, test-system, guest
            another login's passcode,         test-client,  test-system-passcode
            """)
    void onlyTheRelaysLoginsGetIn(String kind, String login, String passcode) throws IOException {
        try (Stomp stomp = Stomp.connect(login, passcode)) {
            assertThat(stomp.read()).startsWith("ERROR");
        }
    }

    @Test
    void systemLoginMayDoAnything() throws IOException {
        try (Stomp stomp = Stomp.connect(logins.systemLogin(), logins.systemPasscode())) {
            assertThat(stomp.read()).startsWith("CONNECTED");
            stomp.send("SUBSCRIBE\nid:1\ndestination:/topic/cluster\nreceipt:subscribed\n\n");
            assertThat(stomp.read()).startsWith("RECEIPT");
            stomp.send("SEND\ndestination:/topic/cluster\n\nhello");
            assertThat(stomp.read()).startsWith("MESSAGE").endsWith("hello");
        }
    }

    @ParameterizedTest
    @CsvSource({ "/topic/messages", "/topic/messages.connection-1", "/topic/connections" })
    void clientLoginMaySubscribeToAClientsDestinations(String destination) throws IOException {
        try (Stomp stomp = Stomp.connect(logins.clientLogin(), logins.clientPasscode())) {
            assertThat(stomp.read()).startsWith("CONNECTED");
            stomp.send("SUBSCRIBE\nid:1\ndestination:" + destination + "\nreceipt:subscribed\n\n");
            assertThat(stomp.read()).startsWith("RECEIPT");
        }
    }

    /**
     * Not to everything, nor to the cluster's channel or the broker's notifications, and
     * it may publish nothing: the app publishes for the clients.
     */
    @ParameterizedTest
    @CsvSource({ "SUBSCRIBE, #", "SUBSCRIBE, /topic/cluster", "SUBSCRIBE, activemq.notifications",
            "SEND, /topic/connections", "SEND, /topic/messages" })
    void clientLoginMayDoNothingElse(String command, String destination) throws IOException {
        try (Stomp stomp = Stomp.connect(logins.clientLogin(), logins.clientPasscode())) {
            assertThat(stomp.read()).startsWith("CONNECTED");
            stomp.send(command + "\nid:1\ndestination:" + destination + "\nreceipt:done\n\n{}");
            assertThat(stomp.read()).startsWith("ERROR");
        }
    }

    @Test
    void brokerAlreadyOnThePortIsUsed() throws Exception {
        try (LocalBroker local = LocalBroker.startOrReuse(broker.port(), logins)) {
            assertThat(local.port()).isEqualTo(broker.port());
        }
    }

    @Test
    void brokerThatRefusesTheLoginsIsNamed() {
        LocalBroker.Logins others = new LocalBroker.Logins(logins.systemLogin(), "another-run", logins.clientLogin(),
                "another-run");
        assertThatIllegalStateException().isThrownBy(() -> LocalBroker.startOrReuse(broker.port(), others))
            .withMessageContaining("refuses the login test-system")
            .withMessageContaining("hub.broker.system-passcode");
    }

    @Test
    void somethingElseOnThePortIsRefused() throws Exception {
        // Accepts the connection and never answers, as a server of another protocol
        // would.
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatIllegalStateException().isThrownBy(() -> LocalBroker.startOrReuse(other.getLocalPort(), logins))
                .withMessageContaining("not a STOMP broker")
                .withMessageContaining("hub.broker.host");
        }
    }

    /** A plain STOMP client of the broker, as any local process could be. */
    private record Stomp(Socket socket) implements AutoCloseable {

        static Stomp connect(String login, String passcode) throws IOException {
            Stomp stomp = new Stomp(new Socket("localhost", broker.port()));
            stomp.socket.setSoTimeout(10_000);
            stomp.send("CONNECT\naccept-version:1.2\nhost:localhost\n"
                    + ((login != null) ? "login:" + login + "\npasscode:" + passcode + "\n" : "") + "\n");
            return stomp;
        }

        void send(String frame) throws IOException {
            this.socket.getOutputStream().write((frame + "\0").getBytes(StandardCharsets.UTF_8));
        }

        /** The next frame, heartbeats skipped. */
        String read() throws IOException {
            InputStream in = this.socket.getInputStream();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            for (int b = in.read(); b != 0; b = in.read()) {
                if (b == -1) {
                    return "closed: " + frame.toString(StandardCharsets.UTF_8);
                }
                if (frame.size() > 0 || b != '\n') {
                    frame.write(b);
                }
            }
            return frame.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }

    }

}
