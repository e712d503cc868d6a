package com.example.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.web.client.RestClient;

import com.example.support.CapturedLog;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.RawHttp;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Opens real WebSocket handshakes with the JDK's client and every kind of bad token, in
 * the {@code Authorization} header and in the {@code access_token} query parameter: each
 * is refused with 401 before any WebSocket exists. Tokens are forged with the app's own
 * encoder, or with a key of the test's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class HandshakeAuthenticationTests {

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    UserDetailsService users;

    @Value("${hub.token.public-key}")
    RSAPublicKey publicKey;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "none", "malformed", "expired", "just expired", "wrong signature", "alg none",
            "HS256 with the public key", "wrong issuer", "no expiry", "no subject" })
    void badTokenInTheHeaderIsRefusedWith401(String kind) {
        assertThat(handshakeStatus("/messages", tokenThatIs(kind), null)).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "malformed", "expired", "just expired", "wrong signature", "alg none",
            "HS256 with the public key", "wrong issuer", "no expiry", "no subject" })
    void badTokenInTheQueryStringIsRefusedWith401(String kind) {
        assertThat(handshakeStatus("/messages?access_token=" + tokenThatIs(kind), null, null)).isEqualTo(401);
    }

    @Test
    void validTokenInTheQueryStringOpensTheHub() {
        String token = Tokens.issue(this.port, "alice");

        assertThat(handshakeStatus("/messages?access_token=" + token, null, null)).isEqualTo(101);
    }

    /** Two tokens is a malformed request (RFC 6750: {@code invalid_request}, 400). */
    @Test
    void tokenInBothTheHeaderAndTheQueryStringIsRefused() {
        String token = Tokens.issue(this.port, "alice");

        assertThat(handshakeStatus("/messages?access_token=" + token, token, null)).isEqualTo(400);
    }

    @Test
    void twoTokensGetAProblemThatSaysBadRequest() {
        String token = Tokens.issue(this.port, "alice");

        ResponseEntity<String> answer = RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build()
            .get()
            .uri("/messages?access_token=" + token)
            .header("Authorization", "Bearer " + token)
            .retrieve()
            .toEntity(String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("\"status\":400", "one access token");
    }

    /**
     * A broken percent escape beside a token is refused like any bad token, on any path,
     * and the token is in no log line: a server that tried to decode it would log it.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "%ZZ, /messages", "%G0, /messages", "%, /messages", "%ZZ, /", "%, /api/announcements" })
    void malformedQueryStringBesideATokenIsA401WithoutTheTokenInAnyLog(String escape, String path) {
        String token = Tokens.issue(this.port, "alice");

        try (CapturedLog log = CapturedLog.everything()) {
            List<String> head = RawHttp.head(this.port, "GET " + path + "?access_token=" + escape + token);

            assertThat(head.get(0)).startsWith("HTTP/1.1 401");
            assertThat(head).anySatisfy((header) -> assertThat(header).startsWith("WWW-Authenticate: Bearer")
                .contains("error=\"invalid_token\""));
            assertThat(log.lines()).noneSatisfy((line) -> assertThat(line).contains(token.substring(20, 60)));
        }
    }

    /**
     * A token that is no token once decoded, such as one ending in bytes that are not
     * UTF-8, is refused on any path before Tomcat decodes the query string: Tomcat would
     * log the whole value, signature included.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({ "GET, /messages, %FF", "GET, /messages, %C3%28", "POST, /token, %FF", "POST, /announcement, %FF",
            "GET, /actuator/health, %C3%28", "GET, /messages, %3Cb%3E" })
    void undecodableTokenIsA401WithoutTheTokenInAnyLog(String method, String path, String suffix) {
        String token = Tokens.issue(this.port, "admin");

        try (CapturedLog log = CapturedLog.everything()) {
            List<String> head = RawHttp.head(this.port, method + " " + path + "?access_token=" + token + suffix);

            assertThat(head.get(0)).startsWith("HTTP/1.1 401");
            assertThat(log.lines()).noneSatisfy((line) -> assertThat(line).contains(token.substring(20, 60)));
        }
    }

    /** Tomcat decodes parameter names too: an escaped name hides no token. */
    @Test
    void tokenUnderAnEscapedNameIsFoundAndChecked() {
        String token = Tokens.issue(this.port, "alice");

        assertThat(RawHttp.status(this.port, "GET /messages?access%5Ftoken=" + token + "%FF")).isEqualTo(401);
    }

    @Test
    void validlySignedTokenForAUserWhoDoesNotExistOpensNothing() {
        Instant now = Instant.now();
        String mallory = sign(this.encoder,
                JwtClaimsSet.builder()
                    .issuer("message-hub")
                    .subject("mallory")
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(600))
                    .claim("roles", List.of("USER", "ADMIN"))
                    .build());

        assertThat(RawHttp.status(this.port, "GET /messages?access_token=" + mallory)).isEqualTo(401);
    }

    @Test
    void tokenOfAUserDisabledSinceLoggingInOpensNothing() {
        String token = Tokens.fresh(this.port, "carol");
        UserDetailsManager manager = (UserDetailsManager) this.users;
        UserDetails carol = manager.loadUserByUsername("carol");
        manager.updateUser(User.withUserDetails(carol).disabled(true).build());
        try {
            assertThat(RawHttp.status(this.port, "GET /messages?access_token=" + token)).isEqualTo(401);
        }
        finally {
            manager.updateUser(carol);
        }
        assertThat(RawHttp.status(this.port, "GET /messages?access_token=" + token)).isNotEqualTo(401);
    }

    @Test
    void tokenInTheQueryStringOffTheHubOpensNothing() {
        String admin = Tokens.issue(this.port, "admin");
        RestClient http = RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();

        ResponseEntity<Void> page = http.get().uri("/?access_token=" + admin).retrieve().toBodilessEntity();
        ResponseEntity<Void> announcement = http.post()
            .uri("/api/announcements?access_token=" + admin)
            .header("Content-Type", "application/json")
            .body("{\"text\":\"sneaky\"}")
            .retrieve()
            .toBodilessEntity();

        // The page is public: it is served as if there were no token.
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(announcement.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * 101 if the WebSocket opened (and is closed again at once), else the HTTP status.
     */
    private int handshakeStatus(String pathAndQuery, String headerToken, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        Throwable failure = catchThrowable(() -> builder
            .buildAsync(URI.create("ws://localhost:" + this.port + pathAndQuery), new WebSocket.Listener() {
            })
            .get(HubTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .abort());
        if (failure == null) {
            return 101;
        }
        Throwable cause = (failure instanceof CompletionException || failure.getCause() != null) ? failure.getCause()
                : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private String tokenThatIs(String kind) {
        Instant now = Instant.now();
        return switch (kind) {
            case "none" -> null;
            case "malformed" -> "not.a.jwt";
            case "expired" -> sign(this.encoder,
                    claims("message-hub", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(5))));
            // Within the minute of clock skew that Spring allows by default, which this
            // app does not.
            case "just expired" ->
                sign(this.encoder, claims("message-hub", now.minus(Duration.ofMinutes(15)), now.minusSeconds(10)));
            case "wrong signature" -> sign(strangerEncoder(), claims("message-hub", now, now.plusSeconds(600)));
            case "alg none" -> unsigned(claims("message-hub", now, now.plusSeconds(600)));
            case "HS256 with the public key" ->
                signWithPublicKeyAsSecret(claims("message-hub", now, now.plusSeconds(600)));
            case "wrong issuer" -> sign(this.encoder, claims("someone-else", now, now.plusSeconds(600)));
            case "no expiry" -> sign(this.encoder,
                    JwtClaimsSet.builder()
                        .issuer("message-hub")
                        .subject("admin")
                        .issuedAt(now)
                        .claim("roles", List.of("USER", "ADMIN"))
                        .build());
            case "no subject" -> sign(this.encoder,
                    JwtClaimsSet.builder()
                        .issuer("message-hub")
                        .issuedAt(now)
                        .expiresAt(now.plusSeconds(600))
                        .claim("roles", List.of("USER", "ADMIN"))
                        .build());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static JwtClaimsSet claims(String issuer, Instant issuedAt, Instant expiresAt) {
        return JwtClaimsSet.builder()
            .issuer(issuer)
            .subject("admin")
            .issuedAt(issuedAt)
            .expiresAt(expiresAt)
            .claim("roles", List.of("USER", "ADMIN"))
            .build();
    }

    private static String sign(JwtEncoder encoder, JwtClaimsSet claims) {
        return sign(encoder, SignatureAlgorithm.RS256, claims);
    }

    private static String sign(JwtEncoder encoder, JwsAlgorithm algorithm, JwtClaimsSet claims) {
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).build(), claims)).getTokenValue();
    }

    /**
     * A token that says it needs no signature: {"alg":"none"}, the claims, and nothing.
     */
    private String unsigned(JwtClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes());
        String payload = base64.encodeToString(("{\"iss\":\"message-hub\",\"sub\":\"admin\",\"exp\":"
                + claims.getExpiresAt().getEpochSecond() + ",\"roles\":[\"ADMIN\"]}")
            .getBytes());
        return header + "." + payload + ".";
    }

    /**
     * Key confusion: an HMAC signature whose secret is the app's public key, which anyone
     * can have. An app that took the algorithm from the token would accept it.
     */
    private String signWithPublicKeyAsSecret(JwtClaimsSet claims) {
        SecretKey secret = new SecretKeySpec(this.publicKey.getEncoded(), "HmacSHA256");
        return sign(NimbusJwtEncoder.withSecretKey(secret).build(), MacAlgorithm.HS256, claims);
    }

    private static JwtEncoder strangerEncoder() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keys = generator.generateKeyPair();
            return NimbusJwtEncoder.withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate())
                .build();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
