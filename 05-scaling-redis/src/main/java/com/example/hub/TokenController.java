package com.example.hub;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
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

    TokenController(AuthenticationManager authenticationManager, UserDetailsService users, TokenIssuer issuer) {
        this.authenticationManager = authenticationManager;
        this.users = users;
        this.issuer = issuer;
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
     * Needs a valid token in the {@code Authorization} header. The user is looked up
     * again, so a removed user or a changed role takes effect at the next refresh.
     */
    @PostMapping("/token/refresh")
    TokenResponse refresh(@AuthenticationPrincipal Jwt token) {
        return this.issuer.issue(this.users.loadUserByUsername(token.getSubject()));
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    ProblemDetail refused(AuthenticationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Wrong username or password.");
        problem.setTitle("Not authenticated");
        return problem;
    }

}
