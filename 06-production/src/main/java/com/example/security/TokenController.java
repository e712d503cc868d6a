package com.example.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.example.production.CloseOnTokenExpiry;
import com.example.production.LoginRateLimiter;
import com.example.production.TokenPolicyProperties;

/**
 * {@code POST /token}: a username and password in, a signed access token out; and
 * {@code POST /token/refresh}: a fresh token for a still valid one, so that a page never
 * has to keep the password. A token names the user ({@code sub}), its roles
 * ({@code roles}) and when the user logged in ({@code auth_time}), and expires after
 * {@code hub.token.lifetime}.
 */
@RestController
class TokenController {

    private final AuthenticationManager authenticationManager;

    private final UserDetailsService users;

    private final JwtEncoder encoder;

    private final LoginRateLimiter rateLimiter;

    private final CloseOnTokenExpiry expiry;

    private final Clock clock;

    private final String issuer;

    private final Duration lifetime;

    private final Duration maxSession;

    TokenController(AuthenticationManager authenticationManager, UserDetailsService users, JwtEncoder encoder,
            LoginRateLimiter rateLimiter, CloseOnTokenExpiry expiry, Clock clock, TokenProperties token,
            TokenPolicyProperties policy) {
        this.authenticationManager = authenticationManager;
        this.users = users;
        this.encoder = encoder;
        this.rateLimiter = rateLimiter;
        this.expiry = expiry;
        this.clock = clock;
        this.issuer = token.issuer();
        this.lifetime = token.lifetime();
        this.maxSession = policy.maxSession();
    }

    /**
     * Form fields {@code username} and {@code password}, as in OAuth 2's password grant.
     */
    @PostMapping("/token")
    TokenResponse token(@Valid @ModelAttribute Credentials credentials, HttpServletRequest request) {
        // Browsers, proxies and servers log addresses: credentials go in the body only.
        if (request.getQueryString() != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send the username and password in the request body, not in the address.");
        }
        // Users are found whatever the case of their name: their failures count as one.
        String name = credentials.username().toLowerCase(Locale.ROOT);
        Instant countedAt = this.rateLimiter.countAsFailed(request.getRemoteAddr(), name);
        UserDetails user = (UserDetails) this.authenticationManager
            .authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password()))
            .getPrincipal();
        this.rateLimiter.succeeded(request.getRemoteAddr(), name, countedAt);
        Instant now = this.clock.instant();
        return issue(user, now, now);
    }

    /**
     * Needs a valid token in the {@code Authorization} header, from a login no older than
     * {@code hub.token.max-session}. The user is looked up again, so a removed user or a
     * changed role takes effect at the next refresh. With the form field
     * {@code connectionId}, that open connection of the user lives as long as the new
     * token, instead of closing when the old one expires.
     */
    @PostMapping("/token/refresh")
    TokenResponse refresh(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) String connectionId) {
        Instant loggedInAt = token.getClaimAsInstant("auth_time");
        if (loggedInAt == null || this.clock.instant().isAfter(loggedInAt.plus(this.maxSession))) {
            throw new CredentialsExpiredException("The login is too old to refresh. Please log in again.");
        }
        UserDetails user = this.users.loadUserByUsername(token.getSubject());
        Instant now = this.clock.instant();
        if (connectionId != null) {
            this.expiry.keepOpen(connectionId, user.getUsername(), rolesOf(user), now.plus(this.lifetime));
        }
        return issue(user, loggedInAt, now);
    }

    /**
     * A token for a user who logged in at the given time, kept in the standard
     * {@code auth_time} claim through every refresh, so that refreshing cannot keep a
     * session, or a stolen token, alive for ever.
     */
    private TokenResponse issue(UserDetails user, Instant loggedInAt, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(this.issuer)
            .subject(user.getUsername())
            .issuedAt(now)
            .expiresAt(now.plus(this.lifetime))
            .claim("roles", rolesOf(user))
            .claim("auth_time", loggedInAt.getEpochSecond())
            .build();
        String token = this.encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
            .getTokenValue();
        return new TokenResponse(token, "Bearer", this.lifetime.toSeconds());
    }

    private static List<String> rolesOf(UserDetails user) {
        return user.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .map((authority) -> authority.replaceFirst("^ROLE_", ""))
            .sorted()
            .toList();
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

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyAttempts(LoginRateLimiter.TooManyAttemptsException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed logins. Try again in " + ex.retryAfterSeconds() + " seconds.");
        problem.setTitle("Too many attempts");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
            .body(problem);
    }

    private static ProblemDetail notAuthenticated(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Not authenticated");
        return problem;
    }

    /** What a login form posts; the password never shows in a log line. */
    record Credentials(@NotNull String username, @NotNull String password) {

        @Override
        public String toString() {
            return "Credentials[username=" + this.username + ", password=…]";
        }

    }

}
