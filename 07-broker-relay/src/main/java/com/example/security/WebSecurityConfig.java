package com.example.security;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security: the app is an OAuth 2 resource server that accepts JWT access tokens.
 * The hub's handshake needs one, announcements need an ADMIN's, and the pages and
 * {@code POST /token} are public. Also the course's users, held in memory with hashed
 * passwords.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProblems problems) throws Exception {
        http.authorizeHttpRequests((requests) -> requests.requestMatchers("/messages")
            .authenticated()
            .requestMatchers(HttpMethod.POST, "/token")
            .permitAll()
            .requestMatchers(HttpMethod.POST, "/announcement", "/api/announcements")
            .hasRole("ADMIN")
            .requestMatchers(HttpMethod.GET, "/", "/index.html", "/announcement", "/announcement.html", "/*.js",
                    "/*.css", "/webjars/**", "/error")
            .permitAll()
            .anyRequest()
            .authenticated())
            .oauth2ResourceServer(
                    (server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(ConnectionAuthentication::of))
                        .bearerTokenResolver(new HubBearerTokenResolver())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
            // Tokens travel in a header or in the handshake's address, never in a cookie,
            // so a page on another site cannot make the browser send them: CSRF tokens
            // would protect nothing here.
            .csrf((csrf) -> csrf.disable())
            .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    UserDetailsService users(DemoUsersProperties properties) {
        List<UserDetails> users = properties.users()
            .entrySet()
            .stream()
            .map((user) -> User.withUsername(user.getKey())
                .password(user.getValue().password())
                .roles(user.getValue().roles().toArray(String[]::new))
                .build())
            .toList();
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * Checks a username and password for {@code POST /token}, with every hash format
     * Spring Security knows, chosen by the hash's prefix: {bcrypt}, ...
     */
    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return new ProviderManager(provider);
    }

}
