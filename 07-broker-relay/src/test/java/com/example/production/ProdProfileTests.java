package com.example.production;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.web.client.RestClient;

import com.example.security.TokenProperties;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.RawHttp;
import com.example.support.TestBroker;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The prod profile: the app refuses to sign tokens with the development key pair from the
 * repository, so it starts with a key pair of its own, which then refuses tokens signed
 * with the development pair; the course's demo users are not there; it does not start
 * without the broker's passcodes; and behind a proxy, failed logins are counted per
 * client address that the proxy forwards.
 */
class ProdProfileTests {

    @TempDir
    static Path keys;

    static TestBroker broker;

    static HubInstance prod;

    static HubInstance development;

    @BeforeAll
    static void startApps() throws Exception {
        KeyPair pair = newKeyPair();
        Path publicKey = pem(keys.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        Path privateKey = pem(keys.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        broker = TestBroker.start();
        prod = HubInstance.start("prod", broker, "spring.profiles.active=prod",
                "hub.token.public-key=file:" + publicKey, "hub.token.private-key=file:" + privateKey,
                "hub.broker.system-passcode=system-secret", "hub.broker.client-passcode=client-secret");
        development = HubInstance.start("development", broker);
    }

    @AfterAll
    static void stopApps() {
        prod.close();
        development.close();
        broker.close();
    }

    @Test
    void developmentKeysAreUsedWithALoudWarning() throws IOException {
        try (CapturedLog log = CapturedLog.of(DevelopmentKeyCheck.class, Level.WARN)) {
            new DevelopmentKeyCheck(developmentKeys(true), developmentPublicKey());

            assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("DEVELOPMENT key pair");
        }
    }

    @Test
    void developmentKeysAreRefusedWhenNotAllowed() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new DevelopmentKeyCheck(developmentKeys(false), developmentPublicKey()))
            .withMessageContaining("development key pair")
            .withMessageContaining("hub.token.public-key");
    }

    @Test
    void prodProfileSignsWithItsOwnKeysAndRefusesDevelopmentTokens() {
        assertThat(prod.bean(Environment.class).getProperty("hub.token.allow-development-keys")).isEqualTo("false");
        String own = Tokens.fresh(prod.port(), "carol");
        String fromDevelopmentKeys = Tokens.fresh(development.port(), "carol");

        assertThat(RawHttp.status(prod.port(), "GET /messages?access_token=" + own)).isNotEqualTo(401);
        assertThat(RawHttp.status(prod.port(), "GET /messages?access_token=" + fromDevelopmentKeys)).isEqualTo(401);
    }

    /**
     * Their passwords are published with the course: only the tests' own user is there.
     */
    @Test
    void prodProfileDoesNotStartWithoutTheBrokersPasscodes() {
        assertThatException()
            .isThrownBy(() -> HubInstance.start("no-passcodes", broker, "spring.profiles.active=prod",
                    "hub.token.allow-development-keys=true",
                    // Boot's failure report and the context's warning say what the
                    // exception says: checked here, not printed.
                    "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off",
                    "logging.level.org.springframework.boot.web.server.servlet.context=error"))
            .withStackTraceContaining("hub.broker.system-passcode")
            .withStackTraceContaining("HUB_BROKER_SYSTEM_PASSCODE");
    }

    @Test
    void prodProfileHasNoneOfTheDemoUsers() {
        for (String user : List.of("alice", "bob", "admin")) {
            assertThat(Tokens.status(prod.port(), user)).isEqualTo(401);
            assertThat(Tokens.status(development.port(), user)).isEqualTo(200);
        }
    }

    /**
     * Behind a reverse proxy every request comes from the proxy's address: the prod
     * profile reads the client's from X-Forwarded-For, so one client's failures do not
     * lock out everyone else.
     */
    @Test
    void prodProfileCountsFailedLoginsPerForwardedClientAddress() {
        for (int i = 0; i < 10; i++) {
            assertThat(wrongPasswordFrom("203.0.113.7")).isEqualTo(401);
        }

        assertThat(wrongPasswordFrom("203.0.113.7")).isEqualTo(429);
        assertThat(wrongPasswordFrom("203.0.113.8")).isEqualTo(401);
    }

    private static int wrongPasswordFrom(String clientAddress) {
        return RestClient.create("http://localhost:" + prod.port())
            .post()
            .uri("/token")
            .header("X-Forwarded-For", clientAddress)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("username=carol&password=guess")
            .exchange((request, response) -> response.getStatusCode().value());
    }

    private static TokenProperties developmentKeys(boolean allowed) throws IOException {
        return new TokenProperties("message-hub", Duration.ofMinutes(15), developmentPublicKey(),
                developmentPrivateKey(), Duration.ofHours(8), allowed);
    }

    private static RSAPublicKey developmentPublicKey() throws IOException {
        try (InputStream pem = new ClassPathResource("dev-keys/public.pem").getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        }
    }

    private static RSAPrivateKey developmentPrivateKey() throws IOException {
        try (InputStream pem = new ClassPathResource("dev-keys/private.pem").getInputStream()) {
            return RsaKeyConverters.pkcs8().convert(pem);
        }
    }

    private static KeyPair newKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Path pem(Path file, String type, byte[] key) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

}
