package com.example.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /token}: a username and password in, a signed access token out. The token
 * names the user ({@code sub}) and its roles ({@code roles}), and expires after
 * {@code hub.token.lifetime}.
 */
@RestController
class TokenController {

    private final AuthenticationManager authenticationManager;

    private final JwtEncoder encoder;

    private final String issuer;

    private final Duration lifetime;

    TokenController(AuthenticationManager authenticationManager, JwtEncoder encoder, TokenProperties token) {
        this.authenticationManager = authenticationManager;
        this.encoder = encoder;
        this.issuer = token.issuer();
        this.lifetime = token.lifetime();
    }

    /**
     * Form fields {@code username} and {@code password}, as in OAuth 2's password grant.
     */
    @PostMapping("/token")
    TokenResponse token(@RequestParam String username, @RequestParam String password, HttpServletRequest request) {
        // Browsers, proxies and servers log addresses: credentials go in the body only.
        if (request.getQueryString() != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send the username and password in the request body, not in the address.");
        }
        UserDetails user = (UserDetails) this.authenticationManager
            .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
            .getPrincipal();
        return issue(user);
    }

    private TokenResponse issue(UserDetails user) {
        Instant now = Instant.now();
        List<String> roles = user.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .map((authority) -> authority.replaceFirst("^ROLE_", ""))
            .sorted()
            .toList();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(this.issuer)
            .subject(user.getUsername())
            .issuedAt(now)
            .expiresAt(now.plus(this.lifetime))
            .claim("roles", roles)
            .build();
        String token = this.encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
            .getTokenValue();
        return new TokenResponse(token, "Bearer", this.lifetime.toSeconds());
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
