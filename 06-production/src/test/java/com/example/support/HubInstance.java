package com.example.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.HubApplication;

import static org.awaitility.Awaitility.await;

/**
 * One instance of the app, started by a test on a random port, beside other instances on
 * the same Redis. Instances announce themselves every 200 ms, so that a silent one is
 * noticed within a second.
 */
public final class HubInstance implements AutoCloseable {

    /**
     * How long instances may take to hear each other again after a Redis outage: their
     * Redis clients try every half second, and must subscribe again too.
     */
    public static final Duration RECONNECT = Duration.ofSeconds(15);

    private final ConfigurableApplicationContext context;

    private HubInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static HubInstance start(String name, TestRedis redis, String... properties) {
        // As command-line arguments, so that they win over application.properties.
        List<String> arguments = new ArrayList<>(
                List.of("--server.port=0", "--hub.instance.name=" + name, "--spring.data.redis.port=" + redis.port()));
        List.of(properties).forEach((property) -> arguments.add("--" + property));
        if (arguments.stream().noneMatch((argument) -> argument.startsWith("--hub.cluster.presence-interval="))) {
            arguments.add("--hub.cluster.presence-interval=200ms");
        }
        return new HubInstance(
                new SpringApplicationBuilder(HubApplication.class).run(arguments.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    /** The body of {@code GET /actuator/health}, with the details an admin sees. */
    public JsonNode health() {
        String body = RestClient.builder()
            .baseUrl("http://localhost:" + port())
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build()
            .get()
            .uri("/actuator/health")
            .headers((headers) -> headers.setBearerAuth(Tokens.issue(port(), "admin")))
            .retrieve()
            .body(String.class);
        return JsonMapper.shared().readTree(body);
    }

    /**
     * Returns once a message sent on this instance reaches a connection on the other one.
     */
    public void awaitDeliveryTo(HubInstance other) throws Exception {
        try (HubTestClient sender = HubTestClient.connect(port(), "carol");
                HubTestClient receiver = HubTestClient.connect(other.port(), "carol", "/topic/messages")) {
            awaitDelivery(sender, receiver);
        }
    }

    /**
     * Returns once a message sent by one client reaches the other, which is on another
     * instance and subscribed to {@code /topic/messages}. Redis pub/sub keeps nothing for
     * later, so this sends a probe every 200 ms until one sent during this call arrives.
     */
    public static void awaitDelivery(HubTestClient from, HubTestClient to) {
        int before = to.received("/topic/messages").size();
        await().atMost(RECONNECT).pollInterval(Duration.ofMillis(200)).until(() -> {
            from.send("/app/sendMessageToAll", "{\"text\":\"probe\"}");
            return to.received("/topic/messages")
                .stream()
                .skip(before)
                .anyMatch((body) -> body.contains("\"text\":\"probe\""));
        });
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    @Override
    public void close() {
        this.context.close();
    }

}
