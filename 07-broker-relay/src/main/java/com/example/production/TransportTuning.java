package com.example.production;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import com.example.hub.ChunkedFrames;

/**
 * Tomcat and Spring tuned for many small, long-lived connections: small buffers, so that
 * an idle connection costs little memory, and limits on how long a send to one client may
 * take, so that a client that stops reading cannot hold up the others.
 */
@Configuration(proxyBeanMethods = false)
class TransportTuning implements WebSocketMessageBrokerConfigurer {

    static final int OUTBOUND_THREADS = 16;

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
    }

    /**
     * Tomcat keeps a text and a binary buffer per connection, at these sizes: small, as
     * long frames arrive in pieces (see {@link ChunkedFrames}).
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(ChunkedFrames.BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(ChunkedFrames.BUFFER_CHARS);
        return container;
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
