package com.example.production;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.example.security.TokenProperties;

/**
 * Refuses to start with the development key pair, which anyone with the course's
 * repository has, when {@code hub.token.allow-development-keys} is false, as in the
 * {@code prod} profile; otherwise says loudly that it is in use. Checked while the app
 * starts, before it serves a request.
 */
@Component
public class DevelopmentKeyCheck {

    private static final Logger logger = LoggerFactory.getLogger(DevelopmentKeyCheck.class);

    // Spring Security turns a PEM file's location into a key.
    public DevelopmentKeyCheck(TokenProperties token, TokenPolicyProperties policy,
            @Value("classpath:dev-keys/public.pem") RSAPublicKey developmentKey) {
        if (!Arrays.equals(token.publicKey().getEncoded(), developmentKey.getEncoded())) {
            return;
        }
        if (!policy.allowDevelopmentKeys()) {
            throw new IllegalStateException("Tokens would be signed with the development key pair, which anyone "
                    + "with the course's repository has. Set hub.token.public-key and hub.token.private-key to "
                    + "your own key pair (see docs/06-production.md).");
        }
        logger.warn("Signing access tokens with the DEVELOPMENT key pair: anyone with the course's repository "
                + "can sign tokens for this app. Set hub.token.public-key and hub.token.private-key in production.");
    }

}
