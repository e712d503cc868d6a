package com.example.hub;

import java.time.Instant;
import java.util.List;

import org.springframework.context.annotation.Conditional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs access tokens: {@code sub} is the username, {@code roles} its roles. */
@Component
@Conditional(EmbeddedIssuerCondition.class)
class TokenIssuer {

    private final JwtEncoder encoder;

    private final TokenProperties properties;

    TokenIssuer(JwtEncoder encoder, TokenProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    /** A token for a user who has just logged in. */
    TokenResponse issue(UserDetails user) {
        return issue(user, Instant.now());
    }

    /**
     * A token for a user who logged in at the given time, kept in the standard
     * {@code auth_time} claim through every refresh, so that refreshing cannot keep a
     * session, or a leaked token, alive for ever.
     */
    TokenResponse issue(UserDetails user, Instant loggedInAt) {
        Instant now = Instant.now();
        List<String> roles = user.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .map((authority) -> authority.replaceFirst("^ROLE_", ""))
            .sorted()
            .toList();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(this.properties.issuer())
            .subject(user.getUsername())
            .issuedAt(now)
            .expiresAt(now.plus(this.properties.lifetime()))
            .claim("roles", roles)
            .claim("auth_time", loggedInAt.getEpochSecond())
            .build();
        String token = this.encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
            .getTokenValue();
        return new TokenResponse(token, "Bearer", this.properties.lifetime().toSeconds());
    }

}
