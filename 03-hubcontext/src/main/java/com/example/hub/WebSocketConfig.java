package com.example.hub;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Opens the hub's WebSocket endpoint and routes STOMP destinations: {@code /app/**} to
 * {@link MessageHub}, {@code /topic/**} and {@code /queue/**} to Spring's in-memory
 * broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    /** The largest STOMP frame a client may send; a 4,000-character text fits. */
    static final int MAX_FRAME_BYTES = 16 * 1024;

    static final int OUTBOUND_THREADS = 16;

    private final DestinationGuard destinationGuard;

    private final MessageCounter messageCounter;

    private final TaskScheduler heartbeatScheduler;

    private final long heartbeatMillis;

    // Lazy: the scheduler comes from the messaging setup that this class configures.
    WebSocketConfig(DestinationGuard destinationGuard, MessageCounter messageCounter,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeatScheduler,
            @Value("${hub.heartbeat-interval}") Duration heartbeatInterval) {
        this.destinationGuard = destinationGuard;
        this.messageCounter = messageCounter;
        this.heartbeatScheduler = heartbeatScheduler;
        this.heartbeatMillis = heartbeatInterval.toMillis();
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/messages");
        // Handle each connection's frames one after another, in the order sent.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        // Heartbeats reveal a connection whose network vanished without a word: when the
        // client offers them too, a connection silent for three intervals is closed as if
        // the client had disconnected. A client that offers none is never timed out.
        registry.enableSimpleBroker("/topic", "/queue")
            .setHeartbeatValue(new long[] { this.heartbeatMillis, this.heartbeatMillis })
            .setTaskScheduler(this.heartbeatScheduler);
        registry.setUserDestinationPrefix("/user");
        // Deliver to each connection in the order messages were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // The guard first: what it drops is not counted.
        registration.interceptors(this.destinationGuard, this.messageCounter);
    }

    /**
     * The threads that write to clients. A write to a client that stopped reading waits,
     * up to {@link SendTimeLimit#MILLIS}; a waiting thread costs no CPU, so there are
     * enough threads for a few such clients at once while the others are served.
     */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(OUTBOUND_THREADS).maxPoolSize(OUTBOUND_THREADS);
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

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES);
        registration.setSendTimeLimit((int) SendTimeLimit.MILLIS);
        registration.addDecoratorFactory(ChunkedFrames::new);
        registration.addDecoratorFactory(SendTimeLimit::new);
    }

}
