package com.example.hub;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.example.support.HubControls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fetches the page and its scripts from the running app over HTTP: everything they load
 * comes from this server, and the STOMP client is served from its WebJar without a
 * version in the URL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class StaticResourcesTests {

    private static final Pattern IMPORT = Pattern.compile("import .* from '([^']+)'");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/app.js", "/hub.js", "/auth.js", "/style.css", "/announcement", "/announcement.js" })
    void pageAndAssetsNameNoOtherSite(String path) {
        String body = get(path).getBody();

        assertThat(body).isNotBlank().doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    }

    @Test
    void scriptsImportEachOtherAndOnlyVersionlessWebJarsThatAreServed() {
        assertThat(imports("/app.js")).containsExactly("./auth.js", "./hub.js");
        assertThat(imports("/announcement.js")).containsExactly("./auth.js");
        assertThat(imports("/auth.js")).isEmpty();
        List<String> libraries = imports("/hub.js");

        assertThat(libraries).containsExactly("/webjars/stomp__stompjs/esm6/index.js");
        for (String path : libraries) {
            ResponseEntity<String> script = get(path);
            assertThat(script.getStatusCode().is2xxSuccessful()).isTrue();
            assertThat(script.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("text/javascript"));
            // The library's own modules import each other by relative path; those resolve
            // too.
            Matcher relative = Pattern.compile("from '\\./([^']+)'").matcher(script.getBody());
            while (relative.find()) {
                assertThat(get("/webjars/stomp__stompjs/esm6/" + relative.group(1)).getStatusCode().value())
                    .isEqualTo(200);
            }
        }
    }

    /**
     * A login form submitted before its script has loaded posts the password in a body,
     * never in the address, where logs and the browser's history would keep it.
     */
    @Test
    void loginFormsPostTheirPasswordToTheTokenEndpoint() {
        for (String page : List.of("/index.html", "/announcement.html")) {
            assertThat(get(page).getBody()).contains("<form id=\"login-form\" method=\"post\" action=\"/token\">");
        }
    }

    private List<String> imports(String script) {
        return IMPORT.matcher(get(script).getBody()).results().map((match) -> match.group(1)).toList();
    }

    private ResponseEntity<String> get(String path) {
        return RestClient.create("http://localhost:" + this.port).get().uri(path).retrieve().toEntity(String.class);
    }

}
