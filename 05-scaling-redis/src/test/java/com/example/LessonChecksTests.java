package com.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.HubControls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This chapter passes the lesson checks that a learner runs on their own copy of it
 * ({@code java course-checks/Learn.java check}), run the same way: from outside, as a
 * separate program that talks HTTP and STOMP to this app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class LessonChecksTests {

    @LocalServerPort
    int port;

    @Test
    void passesItsLessonChecks() throws Exception {
        // Surefire runs in the chapter's folder, such as 04-authorization. In a learner's
        // workspace/, a copy of a chapter, Learn.java's own check is the lesson's test.
        Path chapter = Path.of("").toAbsolutePath();
        assumeTrue(chapter.getFileName().toString().matches("\\d\\d-.*"), "not a chapter of the course");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process learn = new ProcessBuilder(java, chapter.resolveSibling("course-checks/Learn.java").toString(), "check",
                "--chapter", chapter.getFileName().toString().substring(0, 2), "--url", "http://127.0.0.1:" + this.port,
                "--all")
            .redirectErrorStream(true)
            .start();
        String report = new String(learn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(learn.waitFor()).as(report).isZero();
        assertThat(report).as(report).contains("✔").doesNotContain("✘");
    }

}
