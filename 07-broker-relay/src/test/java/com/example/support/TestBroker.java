package com.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import com.example.broker.LocalBroker;

/**
 * A real message broker for tests: the app's own {@link LocalBroker} (ActiveMQ Artemis,
 * in the test's JVM) on a free port of localhost. The app the tests start with
 * {@code @SpringBootTest} gets one from {@link HubControls}; a test that starts instances
 * of its own gives them a broker of their own, so that the clusters never hear each
 * other.
 */
public final class TestBroker implements BrokerUnderTest {

    /** The logins of every test's broker, and of the apps the tests start. */
    public static final LocalBroker.Logins LOGINS = new LocalBroker.Logins("test-system", "test-system-passcode",
            "test-client", "test-client-passcode");

    private final int port;

    private LocalBroker broker;

    private TestBroker(int port) {
        this.port = port;
    }

    /** A new broker on a free port. */
    public static TestBroker start() {
        // As quiet as the app keeps it (logging.level.org.apache.activemq), also before
        // any app starts: it warns of each login it refuses.
        ((Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.ERROR);
        TestBroker broker = new TestBroker(freePort());
        broker.restart();
        return broker;
    }

    @Override
    public int port() {
        return this.port;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public LocalBroker.Logins logins() {
        return LOGINS;
    }

    /** Starts the broker again after {@link #stop()}, on the same port. */
    public synchronized void restart() {
        try {
            this.broker = LocalBroker.startOrReuse(this.port, LOGINS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not start a broker on port " + this.port, ex);
        }
    }

    /** Stops the broker: every connection to it closes, and what it held is gone. */
    public synchronized void stop() {
        try {
            if (this.broker != null) {
                this.broker.close();
                this.broker = null;
            }
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not stop the broker on port " + this.port, ex);
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
