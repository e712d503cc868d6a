package com.example.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The course's users, from {@code hub.users.<name>.password} (hashed, with its algorithm
 * in braces, e.g. {@code {bcrypt}...}) and {@code hub.users.<name>.roles}.
 */
@ConfigurationProperties("hub")
record DemoUsersProperties(Map<String, User> users) {

    DemoUsersProperties {
        // None configured: nobody can log in, rather than the app failing to start.
        users = (users != null) ? users : Map.of();
    }

    record User(String password, List<String> roles) {

    }

}
