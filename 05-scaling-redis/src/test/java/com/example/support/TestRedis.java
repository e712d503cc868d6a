package com.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real Redis server for tests, a {@code redis-server} process on a free port of
 * localhost, keeping nothing on disk. The app the tests start with
 * {@code @SpringBootTest} gets one from {@link HubControls}; a test that starts instances
 * of its own gives them a server of their own, so that the clusters never hear each
 * other.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;

    private final List<String> settings;

    private RedisServer server;

    private TestRedis(int port, List<String> settings) {
        this.port = port;
        this.settings = settings;
    }

    /**
     * A new server on a free port, with these lines of {@code redis.conf} besides its
     * own, e.g. {@code requirepass secret}.
     */
    public static TestRedis start(String... settings) {
        TestRedis redis = new TestRedis(freePort(), List.of(settings));
        redis.restart();
        return redis;
    }

    public int port() {
        return this.port;
    }

    /** Starts the server again after {@link #stop()}, on the same port. */
    public synchronized void restart() {
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                .port(this.port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no");
            this.settings.forEach(builder::setting);
            this.server = builder.build();
            this.server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public synchronized void stop() {
        try {
            if (this.server.isActive()) {
                this.server.stop();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
