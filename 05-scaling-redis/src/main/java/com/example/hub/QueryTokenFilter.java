package com.example.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Takes {@code access_token} out of the query string before anything else sees the
 * request, so that no log line (Spring Security's, Spring MVC's, the WebSocket session's
 * address) ever contains it. The token travels on in a request attribute, where
 * {@link HubBearerTokenResolver} decides whether to accept it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryTokenFilter extends OncePerRequestFilter {

    static final String PARAMETER = "access_token";

    /** The request attribute holding every {@code access_token} value of the query. */
    static final String TOKENS_ATTRIBUTE = QueryTokenFilter.class.getName() + ".tokens";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || !query.contains(PARAMETER)) {
            chain.doFilter(request, response);
            return;
        }
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>(
                UriComponentsBuilder.newInstance().query(query).build().getQueryParams());
        List<String> tokens = parameters.remove(PARAMETER);
        if (tokens == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(TOKENS_ATTRIBUTE,
                tokens.stream()
                    .map((token) -> UriUtils.decode(String.valueOf(token), StandardCharsets.UTF_8))
                    .toList());
        String rest = UriComponentsBuilder.newInstance().queryParams(parameters).build().getQuery();
        chain.doFilter(new WithoutQueryToken(request, rest), response);
    }

    /** The request as everything after this filter sees it: without the token. */
    private static final class WithoutQueryToken extends HttpServletRequestWrapper {

        private final String queryString;

        WithoutQueryToken(HttpServletRequest request, String queryString) {
            super(request);
            this.queryString = queryString;
        }

        @Override
        public String getQueryString() {
            return this.queryString;
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

    }

}
