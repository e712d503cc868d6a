package com.example.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.support.HubControls;
import com.example.support.MutableClock;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /token} and {@code POST /token/refresh} over HTTP against the running app;
 * the tokens are read back with the app's own decoder. Where time matters, the test moves
 * the app's clock.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class TokenEndpointTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        this.clock.reset();
    }

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
    void credentialsInTheAddressAreRefusedWith400AndNoToken() {
        ResponseEntity<String> response = http().post()
            .uri("/token?username=alice&password=wonderland")
            .retrieve()
            .toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).doesNotContain("access_token").contains("request body, not in the address");
    }

    @Test
    void missingPasswordGives400() {
        ResponseEntity<String> response = postToken("username=alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).doesNotContain("access_token");
    }

    @Test
    void refreshWithAValidTokenGivesAFreshOneForTheSameUserAndLogin() {
        Jwt first = this.decoder.decode(Tokens.fresh(this.port, "alice"));
        this.clock.advance(Duration.ofMinutes(10));

        ResponseEntity<String> response = refresh(first.getTokenValue());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Jwt fresh = this.decoder.decode(JSON.readTree(response.getBody()).get("access_token").asString());
        assertThat(fresh.getSubject()).isEqualTo("alice");
        assertThat(fresh.getClaimAsStringList("roles")).isEqualTo(List.of("USER"));
        assertThat(fresh.getExpiresAt()).isAfter(first.getExpiresAt());
        assertThat(fresh.getClaimAsInstant("auth_time")).isEqualTo(first.getClaimAsInstant("auth_time"));
    }

    @Test
    void refreshingEndsOnceTheLoginIsOlderThanTheLongestSession() {
        String token = Tokens.fresh(this.port, "alice");
        // Refreshed every ten minutes, a token lives on: until eight hours after the
        // login.
        for (int i = 0; i < 47; i++) {
            this.clock.advance(Duration.ofMinutes(10));
            ResponseEntity<String> response = refresh(token);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            token = JSON.readTree(response.getBody()).get("access_token").asString();
        }
        this.clock.advance(Duration.ofMinutes(10));

        ResponseEntity<String> response = refresh(token);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody()).doesNotContain("access_token").contains("Please log in again.");
    }

    @Test
    void refreshWithoutAValidTokenGives401() {
        String expired = Tokens.fresh(this.port, "alice");
        this.clock.advance(Duration.ofMinutes(16));

        for (ResponseEntity<String> response : List.of(refresh(expired),
                http().post().uri("/token/refresh").retrieve().toEntity(String.class))) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    /**
     * Password guessing from one address is slowed down; successful logins never count.
     */
    @Test
    void tooManyFailedLoginsAreRefusedUntilTheOldestLeavesTheWindow() {
        this.clock.stop();
        for (int i = 0; i < 10; i++) {
            assertThat(postToken("username=carol&password=guess" + i).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<String> refused = postToken("username=carol&password=carol-secret");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("60");
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).doesNotContain("access_token").contains("Too many failed logins");
        assertThat(postToken("username=alice&password=wonderland").getStatusCode()).isEqualTo(HttpStatus.OK);
        this.clock.advance(Duration.ofSeconds(61));
        assertThat(postToken("username=carol&password=carol-secret").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * Users are found whatever the case of their name, and so are their failures: guesses
     * spread over spellings share one limit, no spelling gets past it, and every
     * spelling's token names the user as configured.
     */
    @Test
    void failedLoginsCountForTheUserWhateverTheCaseOfTheName() {
        ResponseEntity<String> spelledInCapitals = postToken("username=CAROL&password=carol-secret");
        assertThat(spelledInCapitals.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(this.decoder.decode(JSON.readTree(spelledInCapitals.getBody()).get("access_token").asString())
            .getSubject()).isEqualTo("carol");
        List<String> spellings = List.of("carol", "CAROL", "Carol", "cArOl");
        for (int i = 0; i < 10; i++) {
            assertThat(postToken("username=" + spellings.get(i % 4) + "&password=guess" + i).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        for (String spelling : spellings) {
            assertThat(postToken("username=" + spelling + "&password=carol-secret").getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        }
        this.clock.advance(Duration.ofSeconds(61));
        assertThat(postToken("username=carol&password=carol-secret").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * Checking the limit and counting a failure are one step: of many wrong guesses at
     * the same time, only as many as the limit allows are checked, the others refused.
     * The guesses are for a user no other test names, since the count outlives the test.
     */
    @Test
    void concurrentFailedLoginsCannotAllPassTheLimit() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(40);
        try {
            List<Future<HttpStatusCode>> statuses = executor.invokeAll(IntStream.range(0, 40)
                .mapToObj((i) -> (Callable<HttpStatusCode>) () -> postToken("username=trudy&password=guess" + i)
                    .getStatusCode())
                .toList());
            List<HttpStatusCode> answers = new ArrayList<>();
            for (Future<HttpStatusCode> status : statuses) {
                answers.add(status.get());
            }
            assertThat(answers).filteredOn(HttpStatus.UNAUTHORIZED::equals).hasSize(10);
            assertThat(answers).filteredOn(HttpStatus.TOO_MANY_REQUESTS::equals).hasSize(30);
        }
        finally {
            executor.shutdownNow();
        }
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
