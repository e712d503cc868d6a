package com.example.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

import com.example.broker.LocalBroker;

import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ broker with its STOMP plugin, for the tests that run the app against the
 * broker the Spring reference documentation uses. It is not part of the course's set-up:
 * the tests that need it run only where {@code rabbitmq-server} is installed (Debian's
 * {@code apt-get install rabbitmq-server} brings the STOMP plugin). Each broker is a node
 * of its own, in a temporary directory, listening on free ports of localhost only.
 */
public final class TestRabbitMq implements BrokerUnderTest {

    /** A node starts in 5 to 20 seconds, more on a busy machine. */
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Process process;

    private final Path home;

    private final int stompPort;

    private final int managementPort;

    private TestRabbitMq(Process process, Path home, int stompPort, int managementPort) {
        this.process = process;
        this.home = home;
        this.stompPort = stompPort;
        this.managementPort = managementPort;
    }

    /** Whether RabbitMQ is installed here; used by {@code @EnabledIf}. */
    static boolean isInstalled() {
        return server().isPresent();
    }

    public static TestRabbitMq start() {
        Path server = server().orElseThrow(() -> new IllegalStateException("rabbitmq-server is not installed"));
        try {
            Path home = Files.createTempDirectory("hub-rabbitmq");
            int stompPort = TestBroker.freePort();
            int managementPort = TestBroker.freePort();
            Files.writeString(home.resolve("rabbitmq.conf"), """
                    listeners.tcp.1 = 127.0.0.1:%d
                    stomp.listeners.tcp.1 = 127.0.0.1:%d
                    management.tcp.ip = 127.0.0.1
                    management.tcp.port = %d
                    """.formatted(TestBroker.freePort(), stompPort, managementPort));
            // The management plugin answers what the broker holds over HTTP, at once,
            // where rabbitmqctl starts an Erlang VM of its own for every question.
            Files.writeString(home.resolve("enabled_plugins"), "[rabbitmq_stomp,rabbitmq_management].");
            ProcessBuilder builder = new ProcessBuilder(server.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("output.log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("HOME", home.toString()); // for Erlang's cookie
            environment.put("RABBITMQ_NODENAME", "hub-test-" + stompPort + "@localhost");
            environment.put("RABBITMQ_CONF_ENV_FILE", home.resolve("rabbitmq-env.conf").toString());
            environment.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
            environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
            environment.put("RABBITMQ_MNESIA_BASE", home.resolve("data").toString());
            environment.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
            environment.put("RABBITMQ_LOGS", "-");
            environment.put("RABBITMQ_PID_FILE", home.resolve("rabbitmq.pid").toString());
            // The node's own network (Erlang distribution and its port mapper) on
            // localhost too.
            environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
            environment.put("RABBITMQ_DIST_PORT", String.valueOf(TestBroker.freePort()));
            environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
            TestRabbitMq rabbit = new TestRabbitMq(builder.start(), home, stompPort, managementPort);
            rabbit.awaitStomp();
            return rabbit;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public int port() {
        return this.stompPort;
    }

    /** The default virtual host. */
    @Override
    public String host() {
        return "/";
    }

    /** RabbitMQ's own user, which logs in from localhost only. */
    @Override
    public LocalBroker.Logins logins() {
        return new LocalBroker.Logins("guest", "guest", "guest", "guest");
    }

    /**
     * The broker's queues, as "name durable auto-delete" lines: RabbitMQ holds each
     * subscription in a queue.
     */
    public List<String> queues() {
        String body = RestClient.create("http://127.0.0.1:" + this.managementPort)
            .get()
            .uri("/api/queues?columns=name,durable,auto_delete")
            .headers((headers) -> headers.setBasicAuth("guest", "guest"))
            .retrieve()
            .body(String.class);
        List<String> queues = new ArrayList<>();
        JsonMapper.shared()
            .readTree(body)
            .forEach((queue) -> queues.add(queue.get("name").asString() + " " + queue.get("durable").asBoolean() + " "
                    + queue.get("auto_delete").asBoolean()));
        return queues;
    }

    /** Waits until the STOMP plugin accepts a login: the node is up. */
    private void awaitStomp() throws IOException {
        boolean started;
        try {
            await().atMost(START_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> acceptsStompLogin() || !this.process.isAlive());
            started = this.process.isAlive();
        }
        catch (ConditionTimeoutException ex) {
            started = false;
        }
        if (!started) {
            String output = Files.readString(this.home.resolve("output.log"));
            close();
            throw new IllegalStateException("RabbitMQ did not start:\n" + output);
        }
    }

    private boolean acceptsStompLogin() {
        try (Socket socket = new Socket("127.0.0.1", this.stompPort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n\0"
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(9), StandardCharsets.UTF_8).equals("CONNECTED");
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Stops the node (its script asks it to stop cleanly) and deletes its files. */
    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.descendants().forEach(ProcessHandle::destroyForcibly);
                this.process.destroyForcibly().waitFor();
            }
            FileSystemUtils.deleteRecursively(this.home);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The script that runs a node as the current user. Debian's {@code rabbitmq-server}
     * on the PATH is a wrapper that switches to the {@code rabbitmq} user; the script
     * itself is beside the wrapper's target.
     */
    private static Optional<Path> server() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream
            .concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"))
            .filter((directory) -> !directory.isEmpty())
            .map((directory) -> Path.of(directory, "rabbitmq-server"))
            .filter(Files::isExecutable)
            .map(TestRabbitMq::unwrapped)
            .filter(Files::isExecutable)
            .findFirst();
    }

    private static Path unwrapped(Path script) {
        try {
            Path real = script.toRealPath();
            return real.getFileName().toString().equals("rabbitmq-script-wrapper")
                    ? real.resolveSibling("rabbitmq-server") : real;
        }
        catch (IOException ex) {
            return script;
        }
    }

}
