package com.example.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;

/**
 * A Redis server for development: the {@code redis-server} binary that ships in the
 * embedded-redis library, run as a child process on localhost only, keeping nothing on
 * disk. If a Redis already listens on the port (another instance's, or your own), it is
 * used instead; anything else there stops the app with a message saying so.
 */
final class LocalRedis implements AutoCloseable {

    static final int DEFAULT_PORT = 6379;

    private static final Logger logger = LoggerFactory.getLogger(LocalRedis.class);

    private final int port;

    private final RedisServer server;

    private LocalRedis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    static LocalRedis startOrReuse(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            if (!answersPing(socket)) {
                throw new IllegalStateException("Something that is not Redis listens on localhost:" + port
                        + ". Stop it, or point spring.data.redis.host and spring.data.redis.port at a Redis.");
            }
            logger.info("Using the Redis already listening on localhost:{}.", port);
            return new LocalRedis(port, null);
        }
        catch (ConnectException ex) {
            // Nothing listens there: start a Redis.
        }
        RedisServer server = RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
        server.start();
        logger.info("Started a local Redis for development on localhost:{}.", port);
        return new LocalRedis(port, server);
    }

    int port() {
        return this.port;
    }

    @Override
    public void close() throws IOException {
        if (this.server != null) {
            this.server.stop();
        }
    }

    /** Whether what answers on the socket is a Redis: one answers PING with +PONG. */
    private static boolean answersPing(Socket socket) throws IOException {
        socket.setSoTimeout(1000);
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        try {
            return "+PONG".equals(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    /** Runs a local Redis until stopped (Ctrl-C): the demo cluster's shared Redis. */
    public static void main(String[] args) throws Exception {
        int port = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        LocalRedis redis = startOrReuse(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                redis.close();
            }
            catch (IOException ex) {
                logger.warn("Could not stop the local Redis", ex);
            }
        }));
        Thread.currentThread().join();
    }

}
