package com.example.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.HubApplication;

/**
 * One instance of the app, started by a test on a random port, beside other instances on
 * the same Redis. Instances announce themselves every 200 ms, so that a silent one is
 * noticed within a second.
 */
public final class HubInstance implements AutoCloseable {

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

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    @Override
    public void close() {
        this.context.close();
    }

}
