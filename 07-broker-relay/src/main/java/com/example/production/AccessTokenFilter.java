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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

import com.example.security.HubBearerTokenResolver;
import com.example.security.SecurityProblems;

/**
 * Takes the access token out of a request before anything else sees it, from the
 * {@code access_token} query parameter and from the {@code Authorization} header, so that
 * no log line (Tomcat's, Spring Security's, Spring MVC's, the WebSocket handshake's, at
 * any level) can contain it. The tokens travel on in request attributes, where
 * {@link HubBearerTokenResolver} decides which to accept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessTokenFilter extends OncePerRequestFilter {

    static final String PARAMETER = "access_token";

    /** The request attribute holding the {@code Authorization} header's value. */
    public static final String HEADER_ATTRIBUTE = AccessTokenFilter.class.getName() + ".header";

    /** The request attribute holding every {@code access_token} value of the query. */
    public static final String QUERY_ATTRIBUTE = AccessTokenFilter.class.getName() + ".query";

    /** A {@code %} not followed by two hexadecimal digits. */
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final SecurityProblems problems;

    AccessTokenFilter(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String query = request.getQueryString();
        boolean tokenInQuery = query != null && query.contains(PARAMETER);
        if (header == null && !tokenInQuery) {
            chain.doFilter(request, response);
            return;
        }
        List<String> tokens = new ArrayList<>();
        StringJoiner rest = new StringJoiner("&");
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith(PARAMETER + "=")) {
                    tokens.add(parameter.substring(PARAMETER.length() + 1));
                }
                else {
                    rest.add(parameter);
                }
            }
        }
        HttpServletRequest withoutTokens = new WithoutTokens(request, (rest.length() > 0) ? rest.toString() : null);
        // Tomcat would log the value of a parameter it cannot decode: refuse it unread.
        if (tokenInQuery && BROKEN_ESCAPE.matcher(query).find()) {
            this.problems.commence(withoutTokens, response,
                    new InvalidBearerTokenException("The address is not correctly percent-encoded."));
            return;
        }
        request.setAttribute(HEADER_ATTRIBUTE, header);
        if (query != null) {
            request.setAttribute(QUERY_ATTRIBUTE,
                    tokens.stream().map((token) -> UriUtils.decode(token, StandardCharsets.UTF_8)).toList());
        }
        chain.doFilter(withoutTokens, response);
    }

    /** The request as everything after this filter sees it: without a token. */
    private static final class WithoutTokens extends HttpServletRequestWrapper {

        private final String queryString;

        WithoutTokens(HttpServletRequest request, String queryString) {
            super(request);
            this.queryString = queryString;
        }

        @Override
        public String getQueryString() {
            return this.queryString;
        }

        @Override
        public String getHeader(String name) {
            return isAuthorization(name) ? null : super.getHeader(name);
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

        @Override
        public String[] getParameterValues(String name) {
            return PARAMETER.equals(name) ? null : super.getParameterValues(name);
        }

        private static boolean isAuthorization(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
        }

    }

}
