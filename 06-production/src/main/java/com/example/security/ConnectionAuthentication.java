package com.example.security;

import java.util.UUID;

import org.springframework.messaging.simp.user.DestinationUserNameProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Who opened a connection: the user of its access token, with the token's roles. Spring
 * resolves {@code @SendToUser} by user name, and when the calling connection has already
 * closed it sends the answer to every other connection of that user. So each connection
 * gets a destination name of its own: an answer reaches the connection that asked, or
 * nobody. {@link #getName()} stays the user's name.
 */
final class ConnectionAuthentication extends JwtAuthenticationToken implements DestinationUserNameProvider {

    private static final JwtAuthenticationConverter CONVERTER = rolesClaimConverter();

    private final String destinationUserName = UUID.randomUUID().toString();

    private ConnectionAuthentication(JwtAuthenticationToken token) {
        super(token.getToken(), token.getAuthorities(), token.getName());
    }

    static ConnectionAuthentication of(Jwt token) {
        return new ConnectionAuthentication((JwtAuthenticationToken) CONVERTER.convert(token));
    }

    @Override
    public String getDestinationUserName() {
        return this.destinationUserName;
    }

    /**
     * Roles come from the token's {@code roles} claim, as {@code ROLE_ADMIN} and so on.
     */
    private static JwtAuthenticationConverter rolesClaimConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

}
