package com.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis server for tests, a {@code redis-server} process on a free port of
 * localhost, keeping nothing on disk. The app the tests start with
 * {@code @SpringBootTest} gets one from {@link HubControls}; a test that starts instances
 * of its own gives them a server of their own, so that the clusters never hear each
 * other.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;

    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
    }

    /** A new server on a free port. */
    public static TestRedis start() {
        TestRedis redis = new TestRedis(freePort());
        redis.restart();
        return redis;
    }

    public int port() {
        return this.port;
    }

    /** Starts the server again after {@link #stop()}, on the same port. */
    public synchronized void restart() {
        try {
            this.server = RedisServer.newRedisServer()
                .port(this.port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
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
