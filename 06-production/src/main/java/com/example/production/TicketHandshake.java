package com.example.production;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the hub's handshake, {@code /messages?ticket=...}, with the access token that
 * {@link ConnectionTickets} issued the ticket for: it hands the token on as an
 * {@code Authorization} header, which Spring Security then checks as it checks any token.
 * A ticket that is unknown, used or expired is a 401, as a bad token is. Runs after
 * {@link AccessTokenFilter} and before Spring Security's filters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TicketHandshake extends OncePerRequestFilter {

    static final String PARAMETER = "ticket";

    private final ConnectionTickets tickets;

    private final AuthenticationEntryPoint problems;

    // The security package's entry point, which writes the same problem as for any bad
    // token.
    TicketHandshake(ConnectionTickets tickets, AuthenticationEntryPoint problems) {
        this.tickets = tickets;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"/messages".equals(request.getRequestURI()) || request.getParameter(PARAMETER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = this.tickets.redeem(request.getParameter(PARAMETER));
        if (token == null) {
            this.problems.commence(request, response,
                    new InvalidBearerTokenException("The ticket is unknown, used or expired."));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {

            @Override
            public String getHeader(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? "Bearer " + token : super.getHeader(name);
            }

        }, response);
    }

}
