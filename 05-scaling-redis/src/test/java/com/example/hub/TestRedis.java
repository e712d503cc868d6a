package com.example.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import redis.embedded.RedisServer;

/**
 * One real Redis server for the whole test run, on a free port, started before any test
 * and any Spring context: the {@code spring.data.redis.port} system property points every
 * app the tests start at it. JUnit finds this class through
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class TestRedis implements LauncherSessionListener {

    private static int port;

    private static RedisServer server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        port = freePort();
        start();
        System.setProperty("spring.data.redis.port", String.valueOf(port));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    static int port() {
        return port;
    }

    /** Starts the server, again after {@link #stop()}, on the same port. */
    static synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static synchronized void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
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
