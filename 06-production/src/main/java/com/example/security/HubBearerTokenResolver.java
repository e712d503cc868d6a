package com.example.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the access token of a request: in the {@code Authorization} header everywhere,
 * and in the {@code access_token} query parameter on the hub's handshake too, because a
 * browser cannot set headers on a WebSocket. Spring's counterpart of the SignalR course's
 * {@code OnMessageReceived}. Anywhere else a query-string token is ignored, so a token
 * that leaked into a link opens nothing.
 */
class HubBearerTokenResolver implements BearerTokenResolver {

    private static final RequestMatcher HANDSHAKE = PathPatternRequestMatcher.withDefaults()
        .matcher(HttpMethod.GET, "/messages");

    private final DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();

    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

    HubBearerTokenResolver() {
        this.headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        boolean queryCounts = HANDSHAKE.matches(request) && !isEmptyQueryToken(request);
        return (queryCounts ? this.headerOrQuery : this.headerOnly).resolve(request);
    }

    /**
     * {@code ?access_token=} names no token: a 401 as for none, where Spring's resolver
     * would call it a bad request (400).
     */
    private static boolean isEmptyQueryToken(HttpServletRequest request) {
        String[] tokens = request.getParameterValues("access_token");
        return tokens != null && tokens.length == 1 && tokens[0].isEmpty();
    }

}
