package com.example.production;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Accepts a token only while its user exists and is enabled: a token signed with a stolen
 * key for an invented admin opens nothing, and a disabled user's tokens stop working at
 * once, not when they expire. The token checker of the security package runs it with its
 * own checks.
 */
@Component
class KnownUsers implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error UNKNOWN_USER = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token's user does not exist, or is disabled.", null);

    private final UserDetailsService users;

    KnownUsers(UserDetailsService users) {
        this.users = users;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        try {
            if (token.getSubject() != null && this.users.loadUserByUsername(token.getSubject()).isEnabled()) {
                return OAuth2TokenValidatorResult.success();
            }
        }
        catch (UsernameNotFoundException ex) {
            // Refused below.
        }
        return OAuth2TokenValidatorResult.failure(UNKNOWN_USER);
    }

}
