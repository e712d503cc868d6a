package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts the message hub: a web server with a STOMP-over-WebSocket endpoint and the chat
 * page. Its settings, the {@code hub.*} keys, are bound to the
 * {@code @ConfigurationProperties} records that the scan finds.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HubApplication {

    public static void main(String[] args) {
        // Tomcat gives each WebSocket connection a send buffer of this many bytes and
        // one of as many characters: 8 Ki by default, 24 KiB of heap. Hub frames are
        // small and a longer one is sent in several writes, so 2 Ki do. Tomcat reads
        // the property once, so it is set before Tomcat starts; a -D option still wins.
        System.getProperties().putIfAbsent("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", "2048");
        SpringApplication.run(HubApplication.class, args);
    }

}
