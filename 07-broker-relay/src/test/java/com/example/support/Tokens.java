package com.example.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
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
        return issued.computeIfAbsent(port + "/" + user, (key) -> fresh(port, user));
    }

    /** A token from a login of its own, issued now. */
    public static String fresh(int port, String user) {
        String body = logIn(port, user).retrieve().body(String.class);
        return JsonMapper.shared().readTree(body).get("access_token").asString();
    }

    /** The status of the answer to the user's login with the password above. */
    public static int status(int port, String user) {
        return logIn(port, user).exchange((request, response) -> response.getStatusCode().value());
    }

    private static RestClient.RequestBodySpec logIn(int port, String user) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", PASSWORDS.get(user));
        return RestClient.create("http://localhost:" + port)
            .post()
            .uri("/token")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form);
    }

    /**
     * A token signed with the app's own encoder, for a user who logged in now, living as
     * long as the test needs.
     */
    public static String signed(JwtEncoder encoder, String user, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer("message-hub")
            .subject(user)
            .issuedAt(now)
            .expiresAt(now.plus(lifetime))
            .claim("roles", List.of("USER"))
            .claim("auth_time", now.getEpochSecond())
            .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
            .getTokenValue();
    }

}
