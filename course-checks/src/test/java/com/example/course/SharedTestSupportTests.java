package com.example.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test helpers that no lesson changes are the same, byte for byte, in every chapter
 * that has them, so that a fix to one copy is made to all: a copy that differs fails
 * here, naming the chapters of each version.
 */
class SharedTestSupportTests {

    static final List<String> SHARED = List.of("src/test/java/com/example/LessonChecksTests.java",
            "src/test/java/com/example/support/Accessibility.java",
            "src/test/java/com/example/support/AwaitilityDefaults.java",
            "src/test/java/com/example/support/Browser.java", "src/test/java/com/example/support/HandshakeCounter.java",
            "src/test/java/com/example/support/LearnChecks.java", "src/test/java/com/example/support/MutableClock.java",
            "src/test/java/com/example/support/Screenshots.java", "src/test/java/com/example/support/TestRedis.java",
            "src/test/java/com/example/support/TestRedisConfig.java", "src/test/resources/junit-platform.properties",
            "src/test/resources/logback-test.xml",
            "src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension");

    @ParameterizedTest
    @FieldSource("SHARED")
    void everyCopyIsTheSame(String file) {
        Map<String, TreeSet<String>> chaptersByContent = new TreeMap<>();
        for (String chapter : Course.chapters()) {
            Path copy = Course.ROOT.resolve(chapter).resolve(file);
            if (Files.exists(copy)) {
                chaptersByContent.computeIfAbsent(Course.read(copy), (content) -> new TreeSet<>()).add(chapter);
            }
        }
        assertThat(chaptersByContent).as("no chapter has %s", file).isNotEmpty();
        assertThat(chaptersByContent.values())
            .as("%s differs between these groups of chapters; make every copy the same", file)
            .hasSize(1);
    }

}
