package com.example.production;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.web.client.RestClient;

import com.example.hub.ConnectionRegistry;
import com.example.security.TokenProperties;
import com.example.support.CapturedLog;
import com.example.support.HubInstance;
import com.example.support.HubTestClient;
import com.example.support.RawHttp;
import com.example.support.TestRedis;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The prod profile: the app refuses to sign tokens with the development key pair from the
 * repository, so it starts with a key pair of its own, which then refuses tokens signed
 * with the development pair; it refuses a Redis without a login; the course's demo users
 * are not there; and failed logins are counted per client address that a configured proxy
 * forwards, and per user from all addresses together.
 */
class ProdProfileTests {

    @TempDir
    static Path keys;

    static TestRedis redis;

    static String publicKey;

    static String privateKey;

    static HubInstance prod;

    static HubInstance behindProxy;

    static HubInstance development;

    @BeforeAll
    static void startApps() throws Exception {
        KeyPair pair = newKeyPair();
        publicKey = "hub.token.public-key=file:"
                + pem(keys.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        privateKey = "hub.token.private-key=file:"
                + pem(keys.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        redis = TestRedis.start("requirepass redis-secret");
        prod = HubInstance.start("prod", redis, "spring.profiles.active=prod", publicKey, privateKey,
                "spring.data.redis.password=redis-secret");
        behindProxy = HubInstance.start("behind-proxy", redis, "spring.profiles.active=prod", publicKey, privateKey,
                "spring.data.redis.password=redis-secret", "HUB_TRUSTED_PROXIES=127.0.0.1/32,::1/128");
        development = HubInstance.start("development", redis, "spring.data.redis.password=redis-secret");
    }

    @AfterAll
    static void stopApps() {
        prod.close();
        behindProxy.close();
        development.close();
        redis.close();
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

    /**
     * Whoever reaches an open Redis reads and forges backplane messages: the prod profile
     * does not start without a Redis login, and says which keys to set.
     */
    @Test
    void prodProfileDoesNotStartWithoutARedisLogin() {
        try (TestRedis open = TestRedis.start()) {
            assertThatException()
                .isThrownBy(() -> HubInstance.start("open-redis", open, "spring.profiles.active=prod", publicKey,
                        privateKey,
                        // Boot's log of the failure and the context's warning say
                        // what the exception says: checked here, not printed.
                        "logging.level.org.springframework.boot.SpringApplication=off",
                        "logging.level.org.springframework.boot.web.server.servlet.context=error"))
                .withStackTraceContaining("spring.data.redis.password")
                .withStackTraceContaining("spring.data.redis.username");
        }
    }

    /**
     * The login the guide suggests: an ACL user that may publish and subscribe on the
     * backplane's channel only. Two instances hear each other through it, and are
     * healthy.
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "The embedded Redis for Windows is 5.0, without ACL users")
    void prodProfileRunsWithARedisUserAllowedOnlyTheBackplaneChannel() throws Exception {
        try (TestRedis acl = TestRedis.start("user default off",
                "user hub on >hub-secret resetchannels &hub:backplane -@all +publish +subscribe +ping +info");
                HubInstance a = HubInstance.start("acl-a", acl, "spring.profiles.active=prod", publicKey, privateKey,
                        "spring.data.redis.username=hub", "spring.data.redis.password=hub-secret");
                HubInstance b = HubInstance.start("acl-b", acl, "spring.profiles.active=prod", publicKey, privateKey,
                        "spring.data.redis.username=hub", "spring.data.redis.password=hub-secret");
                HubTestClient carol = HubTestClient.connect(b.port(), "carol", "/topic/messages")) {
            await().atMost(HubTestClient.TIMEOUT).until(() -> a.bean(ConnectionRegistry.class).count() == 1);

            // Up, Redis included, answers 200; down, 503.
            assertThat(RawHttp.status(a.port(), "GET /actuator/health")).isEqualTo(200);
            // Without the login nothing; with it, nothing but the backplane's channel.
            List<String> answers = redisAnswers(acl, "PING", "AUTH hub hub-secret", "GET anything",
                    "PUBLISH elsewhere x", "SUBSCRIBE elsewhere", "CONFIG GET *", "FLUSHALL");
            assertThat(answers.get(0)).startsWith("-NOAUTH");
            assertThat(answers.get(1)).isEqualTo("+OK");
            assertThat(answers.subList(2, answers.size())).allMatch((answer) -> answer.startsWith("-NOPERM"));
        }
    }

    /** The first line of Redis's answer to each command, sent one after the other. */
    private static List<String> redisAnswers(TestRedis redis, String... commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redis.port())) {
            socket.setSoTimeout((int) HubTestClient.TIMEOUT.toMillis());
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> answers = new ArrayList<>();
            for (String command : commands) {
                socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                answers.add(in.readLine());
            }
            return answers;
        }
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
