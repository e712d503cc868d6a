package com.example.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /token} and {@code POST /token/refresh} over HTTP against the running app;
 * the tokens are read back with the app's own decoder.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TokenEndpointTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    JwtEncoder encoder;

    @Test
    void rightCredentialsGiveASignedTokenWithTheUserAndRoles() {
        Instant before = Instant.now().minusSeconds(1);

        ResponseEntity<String> response = postToken("username=admin&password=letmein");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in");
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        String token = body.get("access_token").asString();
        assertThat(header(token)).contains("\"alg\":\"RS256\"");
        Jwt jwt = this.decoder.decode(token);
        assertThat(jwt.getSubject()).isEqualTo("admin");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ADMIN", "USER");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("message-hub");
        assertThat(jwt.getIssuedAt()).isBetween(before, Instant.now());
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plus(Duration.ofMinutes(15)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong password   | username=alice&password=builder
            unknown user     | username=mallory&password=wonderland
            empty password   | username=alice&password=
            """)
    void wrongCredentialsGive401AndNoToken(String kind, String form) {
        ResponseEntity<String> response = postToken(form);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).doesNotContain("access_token").contains("Wrong username or password.");
    }

    @Test
    void refreshWithAValidTokenGivesAFreshOneForTheSameUser() {
        String first = Tokens.issue(this.port, "alice");

        ResponseEntity<String> response = http().post()
            .uri("/token/refresh")
            .headers((headers) -> headers.setBearerAuth(first))
            .retrieve()
            .toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Jwt fresh = this.decoder.decode(JSON.readTree(response.getBody()).get("access_token").asString());
        assertThat(fresh.getSubject()).isEqualTo("alice");
        assertThat(fresh.getClaimAsStringList("roles")).isEqualTo(List.of("USER"));
        assertThat(fresh.getExpiresAt()).isAfterOrEqualTo(this.decoder.decode(first).getExpiresAt());
    }

    @Test
    void refreshKeepsTheTimeOfLoginAndEndsAfterTheLongestSession() {
        Jwt first = this.decoder.decode(Tokens.issue(this.port, "alice"));
        Jwt fresh = this.decoder
            .decode(JSON.readTree(refresh(first.getTokenValue()).getBody()).get("access_token").asString());
        assertThat(fresh.getClaimAsInstant("auth_time")).isEqualTo(first.getClaimAsInstant("auth_time"));

        // A valid token from a login nine hours ago, one more than hub.token.max-session.
        Instant now = Instant.now();
        String old = this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                JwtClaimsSet.builder()
                    .issuer("message-hub")
                    .subject("alice")
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(600))
                    .claim("roles", List.of("USER"))
                    .claim("auth_time", now.minus(Duration.ofHours(9)).getEpochSecond())
                    .build()))
            .getTokenValue();
        ResponseEntity<String> response = refresh(old);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody()).doesNotContain("access_token").contains("Please log in again.");
    }

    @Test
    void refreshWithoutATokenGives401() {
        ResponseEntity<String> response = http().post().uri("/token/refresh").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    private ResponseEntity<String> refresh(String token) {
        return http().post()
            .uri("/token/refresh")
            .headers((headers) -> headers.setBearerAuth(token))
            .retrieve()
            .toEntity(String.class);
    }

    private ResponseEntity<String> postToken(String form) {
        return http().post()
            .uri("/token")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form)
            .retrieve()
            .toEntity(String.class);
    }

    private RestClient http() {
        return RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    }

}
