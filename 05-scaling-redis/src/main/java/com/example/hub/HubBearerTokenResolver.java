package com.example.hub;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the access token of a request: in the {@code Authorization} header everywhere,
 * and in the {@code access_token} query parameter only on the hub's handshake, because a
 * browser cannot set headers on a WebSocket. Spring's counterpart of the
 * {@code OnMessageReceived} event in the SignalR course. A query-string token anywhere
 * else is refused, so a token that leaked into a link opens nothing.
 */
class HubBearerTokenResolver implements BearerTokenResolver {

    private static final RequestMatcher HANDSHAKE = PathPatternRequestMatcher.withDefaults()
        .matcher(HttpMethod.GET, "/messages");

    private final DefaultBearerTokenResolver headerResolver = new DefaultBearerTokenResolver();

    @Override
    @SuppressWarnings("unchecked")
    public String resolve(HttpServletRequest request) {
        String headerToken = this.headerResolver.resolve(request);
        List<String> queryTokens = (List<String>) request.getAttribute(QueryTokenFilter.TOKENS_ATTRIBUTE);
        if (queryTokens == null) {
            return headerToken;
        }
        if (!HANDSHAKE.matches(request)) {
            throw refused("An access_token in the query string is accepted only by GET /messages.");
        }
        if (headerToken != null || queryTokens.size() > 1) {
            throw refused("Found more than one access token in the request.");
        }
        return queryTokens.get(0);
    }

    /** 401 with {@code WWW-Authenticate: Bearer error="invalid_token", ...}. */
    private static OAuth2AuthenticationException refused(String description) {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(description));
    }

}
