package com.example.production;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

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
import org.springframework.web.util.UriUtils;

/**
 * Hides the access token of a request from everything that lists a request's parts, so
 * that no log line (Tomcat's, Spring Security's, Spring MVC's, the WebSocket handshake's,
 * at any level) can contain it. The {@code Authorization} header and the
 * {@code access_token} query parameter still answer when asked for by name, which is how
 * the security package's {@code HubBearerTokenResolver} finds them; they are left out of
 * the query string, the header names and the parameter map.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessTokenFilter extends OncePerRequestFilter {

    static final String PARAMETER = "access_token";

    /**
     * What a token may hold (RFC 6750's {@code b64token}), or nothing: anything else is
     * refused before Tomcat decodes the query string, as Tomcat logs the value of a
     * parameter it cannot decode.
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-._~+/]*=*");

    private final AuthenticationEntryPoint problems;

    // The security package's entry point, which writes the same problem as for any bad
    // token.
    AccessTokenFilter(AuthenticationEntryPoint problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && query == null) {
            chain.doFilter(request, response);
            return;
        }
        List<String> tokens = new ArrayList<>();
        StringJoiner rest = new StringJoiner("&");
        if (query != null) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                // Tomcat decodes names too: access%5Ftoken is access_token.
                if (equals >= 0 && PARAMETER.equals(decoded(parameter.substring(0, equals)))) {
                    tokens.add(decoded(parameter.substring(equals + 1)));
                }
                else {
                    rest.add(parameter);
                }
            }
        }
        HttpServletRequest withoutTokens = new WithoutTokens(request, (rest.length() > 0) ? rest.toString() : null,
                tokens);
        if (tokens.contains(null)) {
            this.problems.commence(withoutTokens, response,
                    new InvalidBearerTokenException("The access_token parameter is malformed."));
            return;
        }
        chain.doFilter(withoutTokens, response);
    }

    /** The token, or null if it is not correctly percent-encoded or holds other signs. */
    private static String decoded(String value) {
        try {
            String token = UriUtils.decode(value, StandardCharsets.UTF_8);
            return TOKEN.matcher(token).matches() ? token : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * The request as everything after this filter sees it: a token only when asked for.
     */
    private static final class WithoutTokens extends HttpServletRequestWrapper {

        private final String queryString;

        private final String[] tokens;

        WithoutTokens(HttpServletRequest request, String queryString, List<String> tokens) {
            super(request);
            this.queryString = queryString;
            this.tokens = tokens.isEmpty() ? null : tokens.toArray(String[]::new);
        }

        @Override
        public String getQueryString() {
            return this.queryString;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isAuthorization(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(WithoutTokens::isAuthorization);
            return Collections.enumeration(names);
        }

        @Override
        public String getParameter(String name) {
            return PARAMETER.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.remove(PARAMETER);
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        /** The query's tokens, as Spring Security's resolver asks for them. */
        @Override
        public String[] getParameterValues(String name) {
            return PARAMETER.equals(name) ? this.tokens : super.getParameterValues(name);
        }

        private static boolean isAuthorization(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
        }

    }

}
