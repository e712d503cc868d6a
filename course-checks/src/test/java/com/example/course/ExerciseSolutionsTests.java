package com.example.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guides' exercises: each one has a check ({@code java course-checks/Learn.java check
 * --exercise K}) and a reference solution, a patch in {@code docs/solutions/<chapter>/},
 * and each solution, applied to its chapter, passes its check and the chapter's lesson
 * checks, with the chapter's tests still compiling ({@code Learn.java solution NN K}).
 */
class ExerciseSolutionsTests {

    /**
     * Chapters whose exercises have no checks yet: a cluster's checks need two instances.
     */
    private static final List<String> WITHOUT_CHECKS = List.of("05", "06", "07");

    private static final Pattern GUIDE_EXERCISE = Pattern.compile("(?m)^(\\d+)\\. \\*\\*(.+?)\\.\\*\\*");

    private static final Pattern LISTED_EXERCISE = Pattern.compile("(?m)^  Exercise (\\d+) · (.+?)   \\(check");

    @Test
    void everyExerciseOfAGuideHasACheckAndASolution() throws Exception {
        String list = Course.learn(Course.ROOT, "list");
        for (String chapter : Course.chapters()) {
            String number = chapter.substring(0, 2);
            if (WITHOUT_CHECKS.contains(number)) {
                continue;
            }
            String guide = Course.read(Course.ROOT.resolve("docs/" + chapter + ".md"));
            String exercises = guide.substring(guide.indexOf("\n## Exercises"), guide.indexOf("\n## Going deeper"));
            String listed = list.substring(list.indexOf("Chapter " + number + " · "));
            int next = listed.indexOf("\nChapter ", 1);
            assertThat(titles(GUIDE_EXERCISE, exercises))
                .as("the exercises of docs/%s.md and of Learn.java list", chapter)
                .isNotEmpty()
                .isEqualTo(titles(LISTED_EXERCISE, (next < 0) ? listed : listed.substring(0, next)));
            List<String> solved = solutions().stream()
                .filter((solution) -> solution[0].equals(number))
                .map((solution) -> solution[1])
                .toList();
            assertThat(solved).as("the exercises of %s with a solution", chapter)
                .containsAll(titles(GUIDE_EXERCISE, exercises).keySet());
        }
    }

    @ParameterizedTest(name = "chapter {0}, exercise {1}")
    @MethodSource("solutions")
    void aSolutionPassesItsCheckAndTheLesson(String chapter, String exercise) throws Exception {
        String said = Course.learn(Course.ROOT, "solution", chapter, exercise);
        assertThat(said).as(said).contains("✔").doesNotContain("✘");
    }

    static List<String[]> solutions() throws IOException {
        List<String[]> solutions = new ArrayList<>();
        for (String chapter : Course.chapters()) {
            Path folder = Course.ROOT.resolve("docs/solutions/" + chapter);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> patches = Files.list(folder)) {
                    patches.map((patch) -> patch.getFileName().toString())
                        .filter((name) -> name.endsWith(".patch"))
                        .sorted()
                        .forEach((name) -> solutions
                            .add(new String[] { chapter.substring(0, 2), name.substring(0, name.indexOf('-')) }));
                }
            }
        }
        return solutions;
    }

    private static Map<String, String> titles(Pattern pattern, String text) {
        Map<String, String> titles = new LinkedHashMap<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            titles.put(matcher.group(1), matcher.group(2).replace("`", ""));
        }
        return titles;
    }

}
