package com.example.broker;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * A message broker for development: ActiveMQ Artemis, started in this JVM, taking STOMP
 * on localhost only and keeping nothing on disk. It takes the relay's two logins and no
 * others: any local process could otherwise read every connection's messages and forge
 * the hub's. If a STOMP broker already listens on the port (another instance's, or your
 * own), it is used instead, if it takes the relay's system login; anything else there
 * stops the app with a message saying so.
 */
public final class LocalBroker implements AutoCloseable {

    static final int DEFAULT_PORT = 61613;

    private static final Logger logger = LoggerFactory.getLogger(LocalBroker.class);

    /** The relay's system connection: publishes everything, and hears the cluster. */
    private static final Role SYSTEM = new Role("hub-system", true, true, true, true, true, true, true, true, true,
            true);

    /**
     * A client's link to the broker: subscribes (a subscription is a non-durable queue,
     * on an address created on first use), and nothing else; the app sends for it.
     */
    private static final Role CLIENT = new Role("hub-client", false, true, false, false, true, true, false, false, true,
            false);

    /**
     * What a client may subscribe to on the broker ({@code DestinationGuard} narrows
     * {@code /topic/messages.<connection id>} to its own).
     */
    private static final Set<String> CLIENT_DESTINATIONS = Set.of("/topic/messages", "/topic/messages.#",
            "/topic/connections");

    private final int port;

    private final EmbeddedActiveMQ server;

    private final Path dataDirectory;

    private LocalBroker(int port, EmbeddedActiveMQ server, Path dataDirectory) {
        this.port = port;
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static LocalBroker startOrReuse(int port, Logins logins) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            String reply = answerToConnect(socket, logins);
            if (reply.startsWith("ERROR")) {
                throw new IllegalStateException("The STOMP broker on localhost:" + port + " refuses the login "
                        + logins.systemLogin() + ": give every instance that shares it the same "
                        + "hub.broker.system-passcode and hub.broker.client-passcode (HUB_BROKER_SYSTEM_PASSCODE "
                        + "and HUB_BROKER_CLIENT_PASSCODE), or stop it.");
            }
            if (!reply.startsWith("CONNECTED")) {
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
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration(port, dataDirectory))
            .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users(logins)));
        server.start();
        logger.info("Started a local ActiveMQ Artemis broker for development on localhost:{}.", port);
        return new LocalBroker(port, server, dataDirectory);
    }

    /**
     * Artemis as Spring's relay expects a STOMP broker to behave: every destination is
     * publish-subscribe (multicast, Artemis's default, stated here because the relay
     * depends on it), created when first used and deleted when unused. A message sent
     * where nobody subscribes is dropped, as by Spring's simple broker, instead of
     * waiting in a queue for a subscriber that may never come. Only the two logins get
     * in: the system login may do anything, the client login only subscribe to what a
     * client may, by name: a wildcard such as {@code #} is only a name here, not every
     * address.
     */
    private static Configuration configuration(int port, Path dataDirectory) throws Exception {
        AddressSettings everyDestination = new AddressSettings().setDefaultAddressRoutingType(RoutingType.MULTICAST)
            .setDefaultQueueRoutingType(RoutingType.MULTICAST)
            .setAutoCreateAddresses(true)
            .setAutoDeleteAddresses(true)
            .setAutoCreateQueues(true)
            .setAutoDeleteQueues(true)
            // Named, or Artemis warns at each new subscription that they are
            // missing; the hub's messages are never redelivered and never expire.
            .setDeadLetterAddress(SimpleString.of("hub.dead-letters"))
            .setExpiryAddress(SimpleString.of("hub.expired"));
        Configuration configuration = new ConfigurationImpl().setName("hub-broker")
            .setPersistenceEnabled(false)
            .setSecurityEnabled(true)
            .setWildcardRoutingEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("stomp", "tcp://127.0.0.1:" + port + "?protocols=STOMP");
        configuration.setBrokerInstance(dataDirectory.toFile());
        configuration.addAddressSetting("#", everyDestination);
        // The closest match applies alone, so a client's destinations name both roles.
        configuration.putSecurityRoles("#", Set.of(SYSTEM));
        CLIENT_DESTINATIONS.forEach((match) -> configuration.putSecurityRoles(match, Set.of(SYSTEM, CLIENT)));
        return configuration;
    }

    private static SecurityConfiguration users(Logins logins) {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(logins.systemLogin(), logins.systemPasscode());
        users.addRole(logins.systemLogin(), SYSTEM.getName());
        users.addUser(logins.clientLogin(), logins.clientPasscode());
        users.addRole(logins.clientLogin(), CLIENT.getName());
        return users;
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

    /**
     * What answers a CONNECT with the system login on the socket: a STOMP broker answers
     * CONNECTED or ERROR; anything else, or nothing within a second, is no broker.
     */
    private static String answerToConnect(Socket socket, Logins logins) throws IOException {
        socket.setSoTimeout(1000);
        socket.getOutputStream()
            .write(("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + logins.systemLogin() + "\npasscode:"
                    + logins.systemPasscode() + "\n\n\0")
                .getBytes(StandardCharsets.UTF_8));
        try {
            return new String(socket.getInputStream().readNBytes(9), StandardCharsets.US_ASCII);
        }
        catch (SocketTimeoutException ex) {
            return "";
        }
    }

    /**
     * The relay's logins, as {@code hub.broker.*} names them.
     */
    public record Logins(String systemLogin, String systemPasscode, String clientLogin, String clientPasscode) {

        /**
         * For a broker of its own JVM: the instances' logins, from the environment
         * variables that set theirs; the default login names, passcodes required.
         */
        static Logins fromEnvironment() {
            return new Logins(environment("HUB_BROKER_SYSTEM_LOGIN", "hub-system"),
                    environment("HUB_BROKER_SYSTEM_PASSCODE", null),
                    environment("HUB_BROKER_CLIENT_LOGIN", "hub-client"),
                    environment("HUB_BROKER_CLIENT_PASSCODE", null));
        }

        private static String environment(String name, String otherwise) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
            if (otherwise == null) {
                throw new IllegalStateException("Set " + name + ", and give the instances the same.");
            }
            return otherwise;
        }

    }

    /**
     * Runs a local broker until stopped (Ctrl-C): the demo cluster's shared broker, with
     * the logins that {@code demo-cluster.sh} gives the instances too.
     */
    public static void main(String[] args) throws Exception {
        // Outside Spring Boot, Logback logs everything at DEBUG: Artemis's warnings will
        // do.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.activemq"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        int port = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        LocalBroker broker = startOrReuse(port, Logins.fromEnvironment());
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
