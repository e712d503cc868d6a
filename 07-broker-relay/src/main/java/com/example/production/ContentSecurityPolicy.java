package com.example.production;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A Content-Security-Policy on every response: the pages may load scripts, styles and
 * everything else from this server only, so a script that some bug lets into a page, as
 * HTML in a message or a link to another site, does not run. The pages have no inline
 * script or style, so the policy allows none. Spring Security applies every
 * {@code Customizer<HttpSecurity>} bean to each security filter chain it builds.
 */
@Configuration(proxyBeanMethods = false)
class ContentSecurityPolicy {

    /**
     * {@code 'self'} also covers the page's WebSocket to the hub ({@code ws:} or
     * {@code wss:} to the same host and port). {@code data:} images: the pages' empty
     * icon, which keeps the browser from asking for {@code /favicon.ico}. No plugins, no
     * {@code <base>}, forms post to this server only, and no other site may frame a page.
     */
    static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    Customizer<HttpSecurity> contentSecurityPolicyHeader() {
        return (http) -> http
            .headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(POLICY)));
    }

}
