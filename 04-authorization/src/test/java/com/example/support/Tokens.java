package com.example.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Gets access tokens from the running app's {@code POST /token}, as the page does. Each
 * login costs a bcrypt check of some 70 ms, so a user's token is reused for the test run:
 * it lives 15 minutes.
 */
public final class Tokens {

    /** The demo users' passwords, and carol's from the tests' own configuration. */
    static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder", "admin", "letmein",
            "carol", "carol-secret");

    private static final Map<String, String> issued = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String issue(int port, String user) {
        return issued.computeIfAbsent(port + "/" + user, (key) -> login(port, user));
    }

    private static String login(int port, String user) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", PASSWORDS.get(user));
        String body = RestClient.create("http://localhost:" + port)
            .post()
            .uri("/token")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form)
            .retrieve()
            .body(String.class);
        return JsonMapper.shared().readTree(body).get("access_token").asString();
    }

}
