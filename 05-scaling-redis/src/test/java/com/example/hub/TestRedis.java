package com.example.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import redis.embedded.RedisServer;

/**
 * Real Redis servers for the tests, each a {@code redis-server} process on a free port of
 * localhost, keeping nothing on disk. One is started before any test and any Spring
 * context, and the {@code spring.data.redis.port} system property points every
 * {@code @SpringBootTest} app at it; a test that starts instances of its own gives them a
 * server of their own with {@link #start()}, so that the clusters never hear each other.
 * JUnit finds this class through
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class TestRedis implements LauncherSessionListener, AutoCloseable {

    private static TestRedis shared;

    private final int port;

    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
    }

    /** For JUnit's service loader only. */
    public TestRedis() {
        this(0);
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        shared = start();
        System.setProperty("spring.data.redis.port", String.valueOf(shared.port()));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        shared.close();
    }

    /** A new server on a free port. */
    static TestRedis start() {
        TestRedis redis = new TestRedis(freePort());
        redis.restart();
        return redis;
    }

    int port() {
        return this.port;
    }

    /** Starts the server again after {@link #stop()}, on the same port. */
    synchronized void restart() {
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

    synchronized void stop() {
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
