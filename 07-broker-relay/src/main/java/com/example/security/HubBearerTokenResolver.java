package com.example.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.example.production.AccessTokenFilter;

/**
 * Finds the access token of a request: in the {@code Authorization} header everywhere,
 * and in the {@code access_token} query parameter on the hub's handshake too, because a
 * browser cannot set headers on a WebSocket. Spring's counterpart of the SignalR course's
 * {@code OnMessageReceived}. Anywhere else a query-string token is ignored, so a token
 * that leaked into a link opens nothing. Both come from the request attributes of
 * {@link AccessTokenFilter}, which takes them out of the request.
 */
public class HubBearerTokenResolver implements BearerTokenResolver {

    private static final RequestMatcher HANDSHAKE = PathPatternRequestMatcher.withDefaults()
        .matcher(HttpMethod.GET, "/messages");

    /** RFC 6750's {@code Authorization: Bearer <token>}. */
    private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    @Override
    @SuppressWarnings("unchecked")
    public String resolve(HttpServletRequest request) {
        String headerToken = headerToken((String) request.getAttribute(AccessTokenFilter.HEADER_ATTRIBUTE));
        List<String> queryTokens = (List<String>) request.getAttribute(AccessTokenFilter.QUERY_ATTRIBUTE);
        if (queryTokens == null || queryTokens.isEmpty() || !HANDSHAKE.matches(request)) {
            return headerToken;
        }
        if (headerToken != null || queryTokens.size() > 1) {
            throw new OAuth2AuthenticationException(
                    BearerTokenErrors.invalidRequest("Found more than one access token in the request."));
        }
        return queryTokens.get(0);
    }

    private static String headerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches()) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return bearer.group("token");
    }

}
