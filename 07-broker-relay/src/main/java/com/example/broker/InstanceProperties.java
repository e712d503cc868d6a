package com.example.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This instance's settings, {@code hub.instance.*}.
 *
 * @param name the instance's name, shown on the page; a random one when empty
 */
@ConfigurationProperties("hub.instance")
public record InstanceProperties(String name) {

}
