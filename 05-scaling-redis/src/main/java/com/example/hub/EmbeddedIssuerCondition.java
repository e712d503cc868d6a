package com.example.hub;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches unless an external issuer is configured with
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}:
 * the embedded issuer steps aside, and Spring Boot builds the token decoder from that
 * setting.
 */
class EmbeddedIssuerCondition extends NoneNestedConditions {

    EmbeddedIssuerCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
    static class IssuerUri {

    }

    @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
    static class JwkSetUri {

    }

}
