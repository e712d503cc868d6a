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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * without the broker's passcodes, or with well-known ones; and failed logins are counted
 * per client address that a configured proxy forwards, and per user from all addresses
 * together.
 */
class ProdProfileTests {

    @TempDir
    static Path keys;

    static TestBroker broker;

    static HubInstance prod;

    static HubInstance behindProxy;

    static HubInstance development;

    @BeforeAll
    static void startApps() throws Exception {
        KeyPair pair = newKeyPair();
        Path publicKey = pem(keys.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        Path privateKey = pem(keys.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        broker = TestBroker.start();
        prod = HubInstance.start("prod", broker, "spring.profiles.active=prod",
                "hub.token.public-key=file:" + publicKey, "hub.token.private-key=file:" + privateKey);
        behindProxy = HubInstance.start("behind-proxy", broker, "spring.profiles.active=prod",
                "hub.token.public-key=file:" + publicKey, "hub.token.private-key=file:" + privateKey,
                "HUB_TRUSTED_PROXIES=127.0.0.1/32,::1/128");
        development = HubInstance.start("development", broker);
    }

    @AfterAll
    static void stopApps() {
        prod.close();
        behindProxy.close();
        development.close();
        broker.close();
    }

    @Test
    void developmentKeysAreUsedWithALoudWarning() throws IOException {
        try (CapturedLog log = CapturedLog.of(DevelopmentKeyCheck.class, Level.WARN)) {
            new DevelopmentKeyCheck(developmentKeys(), policy(true), developmentPublicKey());

            assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("DEVELOPMENT key pair");
        }
    }

    @Test
    void developmentKeysAreRefusedWhenNotAllowed() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new DevelopmentKeyCheck(developmentKeys(), policy(false), developmentPublicKey()))
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

    @Test
    void prodProfileDoesNotStartWithoutTheBrokersPasscodes() {
        assertThatException().isThrownBy(() -> startProdWithPasscodes("", ""))
            .withStackTraceContaining("hub.broker.system-passcode")
            .withStackTraceContaining("HUB_BROKER_SYSTEM_PASSCODE");
    }

    /**
     * Anyone who reaches a broker tries these first: with them, a reachable broker would
     * let anyone read every connection's messages and forge the hub's.
     */
    @ParameterizedTest
    @CsvSource({ "guest, a-secret, HUB_BROKER_SYSTEM_PASSCODE", "a-secret, admin, HUB_BROKER_CLIENT_PASSCODE",
            "a-secret, Password, HUB_BROKER_CLIENT_PASSCODE", "test-system, a-secret, HUB_BROKER_SYSTEM_PASSCODE" })
    void prodProfileDoesNotStartWithWellKnownPasscodes(String system, String client, String named) {
        assertThatException().isThrownBy(() -> startProdWithPasscodes(system, client))
            .withStackTraceContaining(named)
            .withStackTraceContaining("a secret of your own");
    }

    /**
     * The prod profile with the passcodes from its environment variables (set here as
     * properties, which Spring reads alike).
     */
    private static void startProdWithPasscodes(String system, String client) {
        HubInstance
            .start("prod-passcodes", broker, "spring.profiles.active=prod", "hub.token.allow-development-keys=true",
                    "hub.broker.system-passcode=${HUB_BROKER_SYSTEM_PASSCODE:}",
                    "hub.broker.client-passcode=${HUB_BROKER_CLIENT_PASSCODE:}", "HUB_BROKER_SYSTEM_PASSCODE=" + system,
                    "HUB_BROKER_CLIENT_PASSCODE=" + client,
                    // Boot's failure report and the context's warning say what the
                    // exception
                    // says: checked here, not printed.
                    "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off",
                    "logging.level.org.springframework.boot.web.server.servlet.context=error")
            .close();
    }

    /**
     * Their passwords are published with the course: only the tests' own user is there.
     */
    @Test
    void prodProfileHasNoneOfTheDemoUsers() {
        for (String user : List.of("alice", "bob", "admin")) {
            assertThat(Tokens.status(prod.port(), user)).isEqualTo(401);
            assertThat(Tokens.status(development.port(), user)).isEqualTo(200);
        }
    }

    /**
     * Behind a reverse proxy every request comes from the proxy's address: the prod
     * profile reads the client's from the X-Forwarded-For of a proxy named in
     * HUB_TRUSTED_PROXIES, so one client's failures do not lock out everyone else.
     */
    @Test
    void prodProfileCountsFailedLoginsPerClientAddressThatItsProxyForwards() {
        for (int i = 0; i < 10; i++) {
            assertThat(wrongPassword(behindProxy, "carol", "203.0.113.7")).isEqualTo(401);
        }

        assertThat(wrongPassword(behindProxy, "carol", "203.0.113.7")).isEqualTo(429);
        assertThat(wrongPassword(behindProxy, "carol", "203.0.113.8")).isEqualTo(401);
    }

    /**
     * From an address that is not a configured proxy, X-Forwarded-For is ignored: a
     * client cannot pick a new address for each guess (Tomcat's default trusts it from
     * every private and loopback address).
     */
    @Test
    void prodProfileIgnoresForwardedAddressesFromAnythingButItsProxy() {
        for (int i = 0; i < 10; i++) {
            assertThat(wrongPassword(prod, "mallory", "203.0.113." + i)).isEqualTo(401);
        }

        assertThat(wrongPassword(prod, "mallory", "203.0.113.99")).isEqualTo(429);
    }

    /**
     * Guesses spread over many addresses, each under its own limit, still meet the
     * per-user limit: then no address may try that user, while other users are not
     * affected.
     */
    @Test
    void failedLoginsFromManyAddressesMeetThePerUserLimit() {
        for (int i = 0; i < 30; i++) {
            assertThat(wrongPassword(behindProxy, "trudy", "198.51.100." + (i % 10))).isEqualTo(401);
        }

        assertThat(wrongPassword(behindProxy, "trudy", "192.0.2.1")).isEqualTo(429);
        assertThat(wrongPassword(behindProxy, "oscar", "192.0.2.1")).isEqualTo(401);
    }

    private static int wrongPassword(HubInstance app, String user, String clientAddress) {
        return RestClient.create("http://localhost:" + app.port())
            .post()
            .uri("/token")
            .header("X-Forwarded-For", clientAddress)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("username=" + user + "&password=guess")
            .exchange((request, response) -> response.getStatusCode().value());
    }

    private static TokenProperties developmentKeys() throws IOException {
        return new TokenProperties("message-hub", Duration.ofMinutes(15), developmentPublicKey(),
                developmentPrivateKey());
    }

    private static TokenPolicyProperties policy(boolean allowDevelopmentKeys) {
        return new TokenPolicyProperties(10, 30, Duration.ofMinutes(1), Duration.ofHours(8), allowDevelopmentKeys);
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
