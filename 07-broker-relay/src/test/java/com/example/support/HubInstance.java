package com.example.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.HubApplication;

/**
 * One instance of the app, started by a test on a random port, beside other instances on
 * the same broker. Instances announce themselves every 200 ms, so that a silent one is
 * noticed within a second.
 */
public final class HubInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private HubInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static HubInstance start(String name, BrokerUnderTest broker, String... properties) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("hub.instance.name", name);
        settings.put("hub.broker.port", String.valueOf(broker.port()));
        settings.put("hub.broker.virtual-host", broker.host());
        settings.put("hub.broker.system-login", broker.logins().systemLogin());
        settings.put("hub.broker.system-passcode", broker.logins().systemPasscode());
        settings.put("hub.broker.client-login", broker.logins().clientLogin());
        settings.put("hub.broker.client-passcode", broker.logins().clientPasscode());
        settings.put("hub.cluster.presence-interval", "200ms");
        // The test's own settings replace these.
        List.of(properties).forEach((property) -> {
            int equals = property.indexOf('=');
            settings.put(property.substring(0, equals), property.substring(equals + 1));
        });
        // As command-line arguments, so that they win over application.properties.
        String[] arguments = settings.entrySet()
            .stream()
            .map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
        return new HubInstance(new SpringApplicationBuilder(HubApplication.class).run(arguments));
    }

    public int port() {
        return ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    /**
     * A client for the instance's HTTP endpoints that returns every response, whatever
     * its status, for the test to check.
     */
    public RestClient http() {
        return RestClient.builder()
            .baseUrl("http://localhost:" + port())
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
    }

    /** The body of {@code GET /actuator/health}, with the details an admin sees. */
    public JsonNode health() {
        String body = http().get()
            .uri("/actuator/health")
            .headers((headers) -> headers.setBearerAuth(Tokens.issue(port(), "admin")))
            .retrieve()
            .body(String.class);
        return JsonMapper.shared().readTree(body);
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    @Override
    public void close() {
        this.context.close();
    }

}
