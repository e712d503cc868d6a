package com.example.course;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures a guide states about what its chapter changes (files, lines added and
 * removed, in the source, the Java, the page and the tests, and per class) are those of
 * the published diff from the chapter before, so that they cannot go stale unnoticed.
 */
class GuideFiguresTests {

    private static final Pattern ROW = Pattern.compile(
            "^\\| \\[`([^`]+)`\\]\\([^)]*\\) \\| (added|changed|removed) \\| \\+(\\d+) −(\\d+) \\|$",
            Pattern.MULTILINE);

    private static final String N = "(\\d[\\d,]*)";

    /**
     * Source totals: "`src/main` ... 19 files, +711 −33 lines" or "... 711 lines added
     * and 33 removed".
     */
    private static final Pattern MAIN = Pattern.compile("`src/main`[^.;]*?" + N + " files(?: change)?, (?:\\+" + N
            + " −" + N + " lines|" + N + " lines added and " + N + " removed)");

    private static final Pattern JAVA = Pattern
        .compile("(?:" + N + " Java files \\(|the Java part is |Java )\\+" + N + " −" + N);

    private static final Pattern PAGE = Pattern
        .compile("(?:the " + N + " files of the page \\(|the pages )\\+" + N + " −" + N);

    private static final Pattern TESTS = Pattern.compile("[Tt]he tests (?:grow by " + N + " lines in " + N
            + " files|grow by \\+" + N + " −" + N + " lines|change " + N + " files, \\+" + N + " −" + N + ")");

    private static final Pattern TESTS_COLON = Pattern
        .compile("tests: " + N + " files, " + N + " lines added and " + N + " removed, " + N + " of them new");

    /**
     * "**`HubMessage`** (+10 −2)", "[`MessageHub`](...)** (+129 −6)",
     * "`HubErrorHandler`** (+5)".
     */
    private static final Pattern CLASS = Pattern
        .compile("`(\\w+(?:\\.\\w+)?)`\\**(?:\\]\\([^)]*\\)\\**)? \\(\\+" + N + "(?: −" + N + ")?\\)");

    @Test
    void everyFigureAboutAChapterDiffIsTheDiffs() {
        List<String> wrong = new ArrayList<>();
        List<String> chapters = Course.chapters();
        for (int i = 1; i < chapters.size(); i++) {
            String from = chapters.get(i - 1);
            String to = chapters.get(i);
            List<Change> changes = changes(from, to);
            String guide = Course.read(Course.ROOT.resolve("docs/" + to + ".md")).replaceAll("\\s+", " ");
            Figures main = Figures.of(changes, (path) -> path.startsWith("src/main/"));
            Figures java = Figures.of(changes, (path) -> path.startsWith("src/main/java/"));
            Figures page = Figures.of(changes, (path) -> path.startsWith("src/main/resources/static/"));
            Figures tests = Figures.of(changes, (path) -> path.startsWith("src/test/"));
            for (MatchResult m : matches(MAIN, guide)) {
                expect(wrong, to, m, main.files, m.group(1));
                expect(wrong, to, m, main.added, (m.group(2) != null) ? m.group(2) : m.group(4));
                expect(wrong, to, m, main.removed, (m.group(3) != null) ? m.group(3) : m.group(5));
            }
            for (MatchResult m : matches(JAVA, guide)) {
                if (m.group(1) != null) {
                    expect(wrong, to, m, java.files, m.group(1));
                }
                expect(wrong, to, m, java.added, m.group(2));
                expect(wrong, to, m, java.removed, m.group(3));
            }
            for (MatchResult m : matches(PAGE, guide)) {
                if (m.group(1) != null) {
                    expect(wrong, to, m, page.files, m.group(1));
                }
                expect(wrong, to, m, page.added, m.group(2));
                expect(wrong, to, m, page.removed, m.group(3));
            }
            for (MatchResult m : matches(TESTS, guide)) {
                if (m.group(1) != null) {
                    expect(wrong, to, m, tests.added, m.group(1));
                    expect(wrong, to, m, tests.files, m.group(2));
                }
                else if (m.group(3) != null) {
                    expect(wrong, to, m, tests.added, m.group(3));
                    expect(wrong, to, m, tests.removed, m.group(4));
                }
                else {
                    expect(wrong, to, m, tests.files, m.group(5));
                    expect(wrong, to, m, tests.added, m.group(6));
                    expect(wrong, to, m, tests.removed, m.group(7));
                }
            }
            for (MatchResult m : matches(TESTS_COLON, guide)) {
                expect(wrong, to, m, tests.files, m.group(1));
                expect(wrong, to, m, tests.added, m.group(2));
                expect(wrong, to, m, tests.removed, m.group(3));
                expect(wrong, to, m, tests.created, m.group(4));
            }
            for (MatchResult m : matches(CLASS, guide)) {
                String name = m.group(1).contains(".") ? m.group(1) : m.group(1) + ".java";
                List<Change> file = changes.stream().filter((change) -> change.path.endsWith("/" + name)).toList();
                if (file.size() != 1) {
                    wrong.add(to + ": \"" + m.group() + "\" names " + file.size() + " changed files called " + name);
                    continue;
                }
                expect(wrong, to, m, file.get(0).added, m.group(2));
                expect(wrong, to, m, file.get(0).removed, (m.group(3) != null) ? m.group(3) : "0");
            }
        }
        assertThat(wrong).as("Figures in the guides that the published diffs (docs/diffs) contradict").isEmpty();
    }

    private static List<Change> changes(String from, String to) {
        String page = Course.read(Course.ROOT.resolve("docs/diffs/" + ChapterDiffs.fileName(from, to)));
        return matches(ROW, page).stream()
            .map((row) -> new Change(row.group(1), row.group(2).equals("added"), Integer.parseInt(row.group(3)),
                    Integer.parseInt(row.group(4))))
            .toList();
    }

    private static List<MatchResult> matches(Pattern pattern, String text) {
        return pattern.matcher(text).results().toList();
    }

    private static void expect(List<String> wrong, String guide, MatchResult sentence, int actual, String stated) {
        if (Integer.parseInt(stated.replace(",", "")) != actual) {
            wrong.add("docs/" + guide + ".md: \"" + sentence.group() + "\" says " + stated + " where the diff has "
                    + actual);
        }
    }

    private record Change(String path, boolean created, int added, int removed) {
    }

    private record Figures(int files, int added, int removed, int created) {

        static Figures of(List<Change> changes, Predicate<String> where) {
            List<Change> these = changes.stream().filter((change) -> where.test(change.path)).toList();
            return new Figures(these.size(), these.stream().mapToInt(Change::added).sum(),
                    these.stream().mapToInt(Change::removed).sum(),
                    (int) these.stream().filter(Change::created).count());
        }

    }

}
