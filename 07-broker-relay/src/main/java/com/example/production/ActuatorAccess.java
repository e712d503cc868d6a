package com.example.production;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Who may read Actuator's endpoints: the health probes are public, so that a load
 * balancer or an orchestrator can ask without a token; everything else, metrics included,
 * needs an ADMIN's token. Spring Security applies every {@code Customizer<HttpSecurity>}
 * bean before the security package's filter chain adds its own rules, so these rules come
 * first and its {@code anyRequest()} stays last.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAccess {

    @Bean
    Customizer<HttpSecurity> actuatorForAdmins() {
        return (http) -> http.authorizeHttpRequests(
                (requests) -> requests.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole("ADMIN"));
    }

}
