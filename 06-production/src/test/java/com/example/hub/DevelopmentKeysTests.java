package com.example.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.converter.RsaKeyConverters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starts the app with the prod profile: it refuses to sign tokens with the development
 * key pair from the repository, and starts with a key pair of its own, which then refuses
 * tokens signed with the development pair.
 */
class DevelopmentKeysTests {

    @Test
    void developmentKeysAreUsedWithALoudWarning() throws IOException {
        try (CapturedLog log = CapturedLog.of(TokenConfig.class, Level.WARN)) {
            new TokenConfig(developmentPublicKey(), developmentPrivateKey(), developmentPublicKey(), true);

            assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("DEVELOPMENT key pair");
        }
    }

    @Test
    void developmentKeysAreRefusedWhenNotAllowed() {
        assertThatIllegalStateException().isThrownBy(
                () -> new TokenConfig(developmentPublicKey(), developmentPrivateKey(), developmentPublicKey(), false))
            .withMessageContaining("development key pair")
            .withMessageContaining("hub.token.public-key");
    }

    /** The prod profile forbids the development keys; with keys of its own it starts. */
    @Test
    void prodProfileStartsWithItsOwnKeysAndRefusesDevelopmentTokens(@TempDir Path keys) throws Exception {
        KeyPair pair = newKeyPair();
        Path publicKey = pem(keys.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        Path privateKey = pem(keys.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());

        try (TestRedis redis = TestRedis.start();
                HubInstance app = HubInstance.start("prod", redis, "spring.profiles.active=prod",
                        "hub.token.public-key=file:" + publicKey, "hub.token.private-key=file:" + privateKey);
                HubInstance development = HubInstance.start("development", redis)) {
            assertThat(app.bean(Environment.class).getProperty("hub.token.allow-development-keys")).isEqualTo("false");
            int port = app.port();
            String own = Tokens.fresh(port, "alice");
            String fromDevelopmentKeys = Tokens.fresh(development.port(), "alice");

            assertThat(RawHttp.status(port, "GET /messages?access_token=" + own)).isNotEqualTo(401);
            assertThat(RawHttp.status(port, "GET /messages?access_token=" + fromDevelopmentKeys)).isEqualTo(401);
        }
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
