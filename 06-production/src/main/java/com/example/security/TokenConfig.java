package com.example.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.example.production.CloseOnTokenExpiry;

/**
 * Signs access tokens and checks them, with the RSA key pair named by
 * {@code hub.token.public-key} and {@code hub.token.private-key}: in production, files
 * that only the app can read, the same on every instance. The development pair in
 * {@code src/main/resources/dev-keys} is in the repository, so anyone can sign tokens
 * with it: the app says so loudly when it uses it, and refuses to start with it when
 * {@code hub.token.allow-development-keys} is false, as in the {@code prod} profile.
 */
@Configuration(proxyBeanMethods = false)
public class TokenConfig {

    private static final Logger logger = LoggerFactory.getLogger(TokenConfig.class);

    private final RSAPublicKey publicKey;

    private final RSAPrivateKey privateKey;

    private final String issuer;

    // Spring Security turns a PEM file's location into a key.
    public TokenConfig(TokenProperties token, @Value("classpath:dev-keys/public.pem") RSAPublicKey developmentKey) {
        if (Arrays.equals(token.publicKey().getEncoded(), developmentKey.getEncoded())) {
            if (!token.allowDevelopmentKeys()) {
                throw new IllegalStateException("Tokens would be signed with the development key pair, which anyone "
                        + "with the course's repository has. Set hub.token.public-key and hub.token.private-key to "
                        + "your own key pair (see docs/06-production.md).");
            }
            logger.warn("Signing access tokens with the DEVELOPMENT key pair: anyone with the course's repository "
                    + "can sign tokens for this app. Set hub.token.public-key and hub.token.private-key in production.");
        }
        this.publicKey = token.publicKey();
        this.privateKey = token.privateKey();
        this.issuer = token.issuer();
    }

    /** The time tokens are issued and checked at, and logins counted; tests move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JwtEncoder jwtEncoder() {
        return NimbusJwtEncoder.withKeyPair(this.publicKey, this.privateKey).build();
    }

    /**
     * Accepts RS256 tokens signed with our key, issued by us, naming a user and not
     * expired. Issuer, checker and {@link CloseOnTokenExpiry} read one {@link Clock}, so
     * no clock skew is allowed: a token accepted at the handshake is never already past
     * the expiry that closes the connection. The instances' clocks must agree (NTP).
     */
    @Bean
    JwtDecoder jwtDecoder(Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(this.publicKey)
            .signatureAlgorithm(SignatureAlgorithm.RS256)
            .build();
        JwtTimestampValidator notExpired = new JwtTimestampValidator(Duration.ZERO);
        notExpired.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(notExpired, new JwtIssuerValidator(this.issuer),
                new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull)));
        return decoder;
    }

}
