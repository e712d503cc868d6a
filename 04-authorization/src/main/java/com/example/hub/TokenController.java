package com.example.hub;

import java.time.Instant;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded issuer's token endpoint: a username and password in, a signed access token
 * out; and a fresh token for a still-valid one, so a page never has to keep the password.
 */
@RestController
@Conditional(EmbeddedIssuerCondition.class)
class TokenController {

    private final AuthenticationManager authenticationManager;

    private final UserDetailsService users;

    private final TokenIssuer issuer;

    private final TokenProperties properties;

    TokenController(AuthenticationManager authenticationManager, UserDetailsService users, TokenIssuer issuer,
            TokenProperties properties) {
        this.authenticationManager = authenticationManager;
        this.users = users;
        this.issuer = issuer;
        this.properties = properties;
    }

    /**
     * Form fields {@code username} and {@code password}, as in OAuth 2's password grant.
     */
    @PostMapping("/token")
    TokenResponse token(@RequestParam String username, @RequestParam String password) {
        UserDetails user = (UserDetails) this.authenticationManager
            .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
            .getPrincipal();
        return this.issuer.issue(user);
    }

    /**
     * Needs a valid token in the {@code Authorization} header, from a login no older than
     * {@code hub.token.max-session}. The user is looked up again, so a removed user or a
     * changed role takes effect at the next refresh.
     */
    @PostMapping("/token/refresh")
    TokenResponse refresh(@AuthenticationPrincipal Jwt token) {
        Instant loggedInAt = token.getClaimAsInstant("auth_time");
        if (loggedInAt == null || Instant.now().isAfter(loggedInAt.plus(this.properties.maxSession()))) {
            throw new CredentialsExpiredException("The login is too old to refresh. Please log in again.");
        }
        return this.issuer.issue(this.users.loadUserByUsername(token.getSubject()), loggedInAt);
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    ProblemDetail tooOld(CredentialsExpiredException ex) {
        return notAuthenticated(ex.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    ProblemDetail refused(AuthenticationException ex) {
        return notAuthenticated("Wrong username or password.");
    }

    private static ProblemDetail notAuthenticated(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Not authenticated");
        return problem;
    }

}
