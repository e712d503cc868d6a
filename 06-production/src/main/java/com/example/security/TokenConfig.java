package com.example.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens and checks them, with the RSA key pair named by
 * {@code hub.token.public-key} and {@code hub.token.private-key}: in production, files
 * that only the app can read, the same on every instance. The development pair in
 * {@code src/main/resources/dev-keys} is in the repository, so anyone can sign tokens
 * with it: the production package's {@code DevelopmentKeyCheck} says so, or refuses it.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

    private final RSAPublicKey publicKey;

    private final RSAPrivateKey privateKey;

    private final String issuer;

    TokenConfig(TokenProperties token) {
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
     * expired, and that every other {@code OAuth2TokenValidator<Jwt>} bean accepts, such
     * as the production package's check that the user still exists. Issuer, checker and
     * the connections' expiry read one {@link Clock}, so no clock skew is allowed: a
     * token accepted at the handshake is never already past the expiry that closes the
     * connection. The instances' clocks must agree (NTP).
     */
    @Bean
    JwtDecoder jwtDecoder(Clock clock, List<OAuth2TokenValidator<Jwt>> moreChecks) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(this.publicKey)
            .signatureAlgorithm(SignatureAlgorithm.RS256)
            .build();
        JwtTimestampValidator notExpired = new JwtTimestampValidator(Duration.ZERO);
        notExpired.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>(List.of(notExpired,
                new JwtIssuerValidator(this.issuer), new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull)));
        checks.addAll(moreChecks);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
        return decoder;
    }

}
