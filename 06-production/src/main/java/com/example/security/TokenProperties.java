package com.example.security;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The access tokens' settings, {@code hub.token.*}. Spring Security turns a PEM file's
 * location, such as {@code classpath:dev-keys/public.pem}, into a key.
 *
 * @param issuer the issuer's name, in every token's {@code iss} claim
 * @param lifetime how long a token is valid
 * @param publicKey the key that checks tokens
 * @param privateKey the key that signs them
 */
@ConfigurationProperties("hub.token")
@Validated
public record TokenProperties(@NotBlank String issuer, @NotNull @DurationMin(seconds = 1) Duration lifetime,
        @NotNull RSAPublicKey publicKey, @NotNull RSAPrivateKey privateKey) {

}
