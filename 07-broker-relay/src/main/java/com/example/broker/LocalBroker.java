package com.example.broker;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * A message broker for development: ActiveMQ Artemis, started in this JVM, taking STOMP
 * on localhost only and keeping nothing on disk. If a STOMP broker already listens on the
 * port (another instance's, or your own), it is used instead; anything else there stops
 * the app with a message saying so.
 */
public final class LocalBroker implements AutoCloseable {

    static final int DEFAULT_PORT = 61613;

    private static final Logger logger = LoggerFactory.getLogger(LocalBroker.class);

    private final int port;

    private final EmbeddedActiveMQ server;

    private final Path dataDirectory;

    private LocalBroker(int port, EmbeddedActiveMQ server, Path dataDirectory) {
        this.port = port;
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static LocalBroker startOrReuse(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            if (!answersStomp(socket)) {
                throw new IllegalStateException("Something that is not a STOMP broker listens on localhost:" + port
                        + ". Stop it, or point hub.broker.host and hub.broker.port at a broker.");
            }
            logger.info("Using the STOMP broker already listening on localhost:{}.", port);
            return new LocalBroker(port, null, null);
        }
        catch (ConnectException ex) {
            // Nothing listens there: start a broker.
        }
        Path dataDirectory = Files.createTempDirectory("hub-broker");
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration(port, dataDirectory));
        server.start();
        logger.info("Started a local ActiveMQ Artemis broker for development on localhost:{}.", port);
        return new LocalBroker(port, server, dataDirectory);
    }

    /**
     * Artemis as Spring's relay expects a STOMP broker to behave: every destination is
     * publish-subscribe (multicast, Artemis's default, stated here because the relay
     * depends on it), created when first used and deleted when unused. A message sent
     * where nobody subscribes is dropped, as by Spring's simple broker, instead of
     * waiting in a queue for a subscriber that may never come.
     */
    private static Configuration configuration(int port, Path dataDirectory) throws Exception {
        AddressSettings everyDestination = new AddressSettings().setDefaultAddressRoutingType(RoutingType.MULTICAST)
            .setDefaultQueueRoutingType(RoutingType.MULTICAST)
            .setAutoCreateAddresses(true)
            .setAutoDeleteAddresses(true)
            .setAutoCreateQueues(true)
            .setAutoDeleteQueues(true);
        Configuration configuration = new ConfigurationImpl().setName("hub-broker")
            .setPersistenceEnabled(false)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("stomp", "tcp://127.0.0.1:" + port + "?protocols=STOMP");
        configuration.setBrokerInstance(dataDirectory.toFile());
        configuration.addAddressSetting("#", everyDestination);
        return configuration;
    }

    int port() {
        return this.port;
    }

    @Override
    public void close() throws Exception {
        if (this.server != null) {
            this.server.stop();
            FileSystemUtils.deleteRecursively(this.dataDirectory);
        }
    }

    /** Whether what answers on the socket is a STOMP broker: one answers CONNECT. */
    private static boolean answersStomp(Socket socket) throws IOException {
        socket.setSoTimeout(1000);
        socket.getOutputStream()
            .write("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0".getBytes(StandardCharsets.US_ASCII));
        try {
            String reply = new String(socket.getInputStream().readNBytes(9), StandardCharsets.US_ASCII);
            return reply.startsWith("CONNECTED") || reply.startsWith("ERROR");
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    /** Runs a local broker until stopped (Ctrl-C): the demo cluster's shared broker. */
    public static void main(String[] args) throws Exception {
        // Outside Spring Boot, Logback logs everything at DEBUG: Artemis's warnings will
        // do.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.activemq"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        int port = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        LocalBroker broker = startOrReuse(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            }
            catch (Exception ex) {
                logger.warn("Could not stop the local broker", ex);
            }
        }));
        Thread.currentThread().join();
    }

}
