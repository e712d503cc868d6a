package com.example.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Objects;

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

/**
 * Signs access tokens and checks them, with the RSA key pair named by
 * {@code hub.token.public-key} and {@code hub.token.private-key}: by default the
 * development pair in {@code src/main/resources/dev-keys}. That private key is in the
 * repository, so anyone can sign tokens with it: for development only. Chapter 06 shows
 * real key handling.
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

    @Bean
    JwtEncoder jwtEncoder() {
        return NimbusJwtEncoder.withKeyPair(this.publicKey, this.privateKey).build();
    }

    /**
     * Accepts RS256 tokens signed with our key, issued by us, naming a user and not
     * expired. Issuer and checker are one app with one clock, so no clock skew is
     * allowed: a token is expired from the second of its {@code exp}.
     */
    @Bean
    JwtDecoder jwtDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(this.publicKey)
            .signatureAlgorithm(SignatureAlgorithm.RS256)
            .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO),
                new JwtIssuerValidator(this.issuer), new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull)));
        return decoder;
    }

}
