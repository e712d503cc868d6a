package com.example.production;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.example.support.HubControls;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page comes with the Content-Security-Policy, its scripts and styles too. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ContentSecurityPolicyTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/announcement", "/announcement.html", "/app.js", "/style.css" })
    void everyPageHasThePolicy(String path) {
        ResponseEntity<String> page = RestClient.create("http://localhost:" + this.port)
            .get()
            .uri(path)
            .retrieve()
            .toEntity(String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().get("Content-Security-Policy")).containsExactly(ContentSecurityPolicy.POLICY);
        assertThat(ContentSecurityPolicy.POLICY).startsWith("default-src 'self';")
            .contains("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")
            .doesNotContain("unsafe");
    }

}
