package com.example.production;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Tomcat and Spring tuned for many small, long-lived connections: small buffers, so that
 * an idle connection costs little memory, and limits on how long a send to one client may
 * take, so that a client that stops reading cannot hold up the others.
 */
@Configuration(proxyBeanMethods = false)
class TransportTuning implements WebSocketMessageBrokerConfigurer {

    static final int OUTBOUND_THREADS = 16;

    /**
     * Tomcat's receive buffers per connection, in characters (text) or bytes (binary):
     * small, as chapter 02's {@code ChunkedFrames} lets a long frame arrive in pieces.
     */
    static final int RECEIVE_BUFFER = 1024;

    /**
     * The threads that write to clients. A write to a client that stopped reading waits,
     * up to {@link SendTimeLimit#MILLIS}; a waiting thread costs no CPU, so there are
     * enough threads for a few such clients at once while the others are served.
     */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(OUTBOUND_THREADS).maxPoolSize(OUTBOUND_THREADS);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // While a send to a client is stuck, further messages for it wait in a buffer;
        // the first one that finds it stuck for longer than this closes the connection.
        registration.setSendTimeLimit((int) SendTimeLimit.MILLIS);
        registration.addDecoratorFactory(SendTimeLimit::new);
        registration.addDecoratorFactory(SmallTextBuffer::new);
    }

    /** Tomcat keeps a text and a binary receive buffer per connection, at these sizes. */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(RECEIVE_BUFFER);
        container.setMaxBinaryMessageBufferSize(RECEIVE_BUFFER);
        return container;
    }

    /**
     * Tomcat gives each WebSocket connection a send buffer of this many bytes and one of
     * as many characters: 8 Ki by default, 24 KiB of heap. Hub frames are small and a
     * longer one is sent in several writes, so 2 Ki do. Tomcat reads the property once,
     * when its WebSocket support starts: after the server factory is customized, so here;
     * a -D option still wins.
     */
    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
        return (factory) -> System.getProperties()
            .putIfAbsent("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", "2048");
    }

    /**
     * Tomcat's socket buffers per connection, 8 KiB each for reading and writing by
     * default: hub frames are small, so 2 KiB do, and thousands of idle connections cost
     * less.
     */
    @Bean
    static TomcatConnectorCustomizer smallSocketBuffers() {
        return (connector) -> {
            connector.setProperty("socket.appReadBufSize", "2048");
            connector.setProperty("socket.appWriteBufSize", "2048");
        };
    }

}
