package com.example.hub;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The course's embedded token issuer: the RSA key pair, the encoder that signs tokens for
 * {@code POST /token} and the decoder that checks every token the app receives. It steps
 * aside when an external issuer is configured ({@link EmbeddedIssuerCondition}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedIssuerCondition.class)
@EnableConfigurationProperties(TokenProperties.class)
class TokenIssuerConfig {

    private static final Logger logger = LoggerFactory.getLogger(TokenIssuerConfig.class);

    @Bean
    KeyPair tokenSigningKeys(TokenProperties properties, StringRedisTemplate redis)
            throws IOException, GeneralSecurityException {
        if (properties.publicKey() != null && properties.privateKey() != null) {
            return new KeyPair(read(properties.publicKey(), RsaKeyConverters.x509()),
                    read(properties.privateKey(), RsaKeyConverters.pkcs8()));
        }
        try {
            KeyPair shared = SharedSigningKeys.loadOrCreate(redis);
            logger.info("Signing access tokens with the key pair shared in Redis ({}): every instance on "
                    + "this Redis accepts every other's tokens. Set hub.token.public-key and "
                    + "hub.token.private-key in production.", SharedSigningKeys.KEY);
            return shared;
        }
        catch (RedisConnectionFailureException ex) {
            logger.warn("Redis is unreachable, so the token signing key cannot be shared: signing with a key "
                    + "pair generated at start-up, which other instances will refuse.");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Bean
    JwtEncoder jwtEncoder(KeyPair keys) {
        return NimbusJwtEncoder.withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()).build();
    }

    /**
     * Accepts RS256 tokens signed with our key, unexpired, and issued by us. Without the
     * usual minute of clock skew: issuer and checker share one clock here, and a token
     * accepted at the handshake must not already be past the expiry that closes the
     * connection ({@link CloseOnTokenExpiry}).
     */
    @Bean
    JwtDecoder jwtDecoder(KeyPair keys, TokenProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic())
            .signatureAlgorithm(SignatureAlgorithm.RS256)
            .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }

    private static <K> K read(Resource pem, Converter<InputStream, K> converter) throws IOException {
        try (InputStream in = pem.getInputStream()) {
            return converter.convert(in);
        }
    }

}
