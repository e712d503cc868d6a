package com.example.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the lesson checks that a learner runs on their own copy of a chapter
 * ({@code java course-checks/Learn.java check}), the same way: as a separate program that
 * talks HTTP and STOMP to the apps under test, from outside.
 */
public final class LearnChecks {

    /** The chapter's folder, such as {@code 04-authorization}: Surefire runs in it. */
    private static final Path CHAPTER = Path.of("").toAbsolutePath();

    private LearnChecks() {
    }

    /**
     * Checks this chapter's lesson against the app on the first port, and, for the
     * chapters of a cluster, a second instance on the second; every check must work.
     */
    public static void assertAllWork(int... ports) throws Exception {
        assertAllWork(CHAPTER.getFileName().toString().substring(0, 2), ports);
    }

    /**
     * Checks the lesson of an earlier chapter, such as {@code "05"}, whose contract this
     * one keeps.
     */
    public static void assertAllWork(String chapter, int... ports) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                CHAPTER.resolveSibling("course-checks/Learn.java").toString(), "check", "--chapter", chapter, "--all",
                "--url", "http://127.0.0.1:" + ports[0]));
        if (ports.length > 1) {
            command.addAll(List.of("--url2", "http://127.0.0.1:" + ports[1]));
        }
        Process learn = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(learn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(learn.waitFor()).as(report).isZero();
        assertThat(report).as(report).contains("✔").doesNotContain("✘");
    }

}
