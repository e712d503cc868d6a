package com.example.announcements;

import java.net.http.HttpClient;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.hub.SendMessageRequest;
import com.example.support.HubControls;
import com.example.support.HubTestClient;
import com.example.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Announcements from outside the hub, over HTTP against the running app, received by
 * STOMP clients on real WebSocket connections. After a refused request the test posts a
 * valid announcement: if that is the first thing the clients receive, the refused one
 * sent nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class AnnouncementTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    RestClient http;

    String adminToken;

    HubTestClient alice;

    HubTestClient bob;

    @BeforeEach
    void connect() throws Exception {
        // Redirects stay visible: the form's 303 is part of what is tested.
        this.http = RestClient.builder()
            .baseUrl("http://localhost:" + this.port)
            .requestFactory(new JdkClientHttpRequestFactory(
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
        this.alice = HubTestClient.connect(this.port, "alice", "/topic/messages");
        this.bob = HubTestClient.connect(this.port, "bob", "/topic/messages");
        this.adminToken = Tokens.issue(this.port, "admin");
    }

    @AfterEach
    void disconnect() {
        this.alice.close();
        this.bob.close();
    }

    @Test
    void formPageIsServed() {
        ResponseEntity<String> page = this.http.get().uri("/announcement").retrieve().toEntity(String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("<form id=\"announcement-form\" method=\"post\" action=\"/announcement\"");
    }

    @Test
    void formPostReachesEveryClientAndRedirectsToTheFormWithSeeOther() throws Exception {
        Instant before = Instant.now();

        ResponseEntity<Void> response = postForm("Fire drill at 3 <b>pm</b>");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(response.getHeaders().getLocation()).hasToString("/announcement?sent");
        String atAlice = this.alice.awaitReceived("/topic/messages", 1).get(0);
        assertThat(this.bob.awaitReceived("/topic/messages", 1)).containsExactly(atAlice);
        String sentAt = JSON.readTree(atAlice).get("sentAt").asString();
        JSONAssert.assertEquals("""
                {"from": "announcement", "text": "Fire drill at 3 <b>pm</b>", "target": "announcement",
                 "sentAt": "%s"}""".formatted(sentAt), atAlice, JSONCompareMode.STRICT);
        assertThat(Instant.parse(sentAt)).isBetween(before, Instant.now());
    }

    @Test
    void jsonPostReachesEveryClientWithAccepted() {
        ResponseEntity<Void> response = postJson("{\"text\":\"Lunch is served\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        for (HubTestClient client : new HubTestClient[] { this.alice, this.bob }) {
            JsonNode message = JSON.readTree(client.awaitReceived("/topic/messages", 1).get(0));
            assertThat(message.get("text").asString()).isEqualTo("Lunch is served");
            assertThat(message.get("target").asString()).isEqualTo("announcement");
            assertThat(message.get("from").asString()).isEqualTo("announcement");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing text   | {}                | Invalid announcement    | text is required.
            blank text     | {"text": "  "}    | Invalid announcement    | text is required.
            not JSON       | Lunch is served   | Unreadable announcement | The body must be JSON
            empty body     | ``                | Unreadable announcement | The body must be JSON
            JSON array     | ["Lunch"]         | Unreadable announcement | The body must be JSON
            """)
    void badJsonPostIsAProblemAndSendsNothing(String kind, String body, String title, String detail) {
        assertProblem(postJsonForProblem(body), title, detail);

        assertNothingWasSent();
    }

    @Test
    void jsonPostOverTheMaximumLengthIsAProblemAndSendsNothing() {
        String tooLong = "x".repeat(SendMessageRequest.MAX_TEXT_LENGTH + 1);

        assertProblem(postJsonForProblem("{\"text\":\"" + tooLong + "\"}"), "Invalid announcement",
                "text must be at most 4000 characters.");
        assertNothingWasSent();
    }

    @Test
    void formPostWithBlankTextIsRejectedAndSendsNothing() {
        ResponseEntity<Void> response = postForm("   ");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(response.getHeaders().getLocation()).hasToString("/announcement?rejected");
        assertNothingWasSent();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /announcement      | no token     |       | 401 | Not authenticated
            /announcement      | a USER token | alice | 403 | Forbidden
            /api/announcements | no token     |       | 401 | Not authenticated
            /api/announcements | a USER token | alice | 403 | Forbidden
            """)
    void announcementWithoutAnAdminTokenIsAProblemAndSendsNothing(String path, String kind, String user, int status,
            String title) {
        String token = (user != null) ? Tokens.issue(this.port, user) : null;
        boolean form = path.equals("/announcement");

        ResponseEntity<String> response = this.http.post().uri(path).headers((headers) -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        })
            .contentType(form ? MediaType.APPLICATION_FORM_URLENCODED : MediaType.APPLICATION_JSON)
            .body(form ? "text=Free+cake" : "{\"text\":\"Free cake\"}")
            .retrieve()
            .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("instance").asString()).isEqualTo(path);
        assertNothingWasSent();
    }

    private ResponseEntity<Void> postForm(String text) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("text", text);
        return this.http.post()
            .uri("/announcement")
            .headers((headers) -> headers.setBearerAuth(this.adminToken))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form)
            .retrieve()
            .toBodilessEntity();
    }

    private ResponseEntity<Void> postJson(String body) {
        return this.http.post()
            .uri("/api/announcements")
            .headers((headers) -> headers.setBearerAuth(this.adminToken))
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toBodilessEntity();
    }

    private ResponseEntity<String> postJsonForProblem(String body) {
        return this.http.post()
            .uri("/api/announcements")
            .headers((headers) -> headers.setBearerAuth(this.adminToken))
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toEntity(String.class);
    }

    private static void assertProblem(ResponseEntity<String> response, String title, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/announcements");
    }

    /** A valid announcement now must be the first message both clients receive. */
    private void assertNothingWasSent() {
        postJson("{\"text\":\"the valid one\"}");
        for (HubTestClient client : new HubTestClient[] { this.alice, this.bob }) {
            String first = client.awaitReceived("/topic/messages", 1).get(0);
            assertThat(JSON.readTree(first).get("text").asString()).isEqualTo("the valid one");
        }
    }

}
