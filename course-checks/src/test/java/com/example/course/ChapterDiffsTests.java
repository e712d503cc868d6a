package com.example.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published chapter diffs in {@code docs/diffs/} match the chapters as they are. With
 * {@code -Dcourse.update-diffs=true} (what {@code docs/diffs/update.sh} does) the test
 * writes them instead.
 */
class ChapterDiffsTests {

    private static final Path DIFFS = Course.ROOT.resolve("docs/diffs");

    private static final boolean UPDATE = Boolean.getBoolean("course.update-diffs");

    @Test
    void publishedDiffsMatchTheChapters() throws IOException {
        List<String> chapters = Course.chapters();
        assertThat(chapters).hasSizeGreaterThan(1);
        check(DIFFS.resolve("README.md"), ChapterDiffs.index(chapters));
        for (int i = 1; i < chapters.size(); i++) {
            String from = chapters.get(i - 1);
            String to = chapters.get(i);
            check(DIFFS.resolve(ChapterDiffs.fileName(from, to)), ChapterDiffs.page(from, to));
        }
    }

    private static void check(Path page, String content) throws IOException {
        if (UPDATE) {
            Files.createDirectories(page.getParent());
            Files.writeString(page, content);
            return;
        }
        assertThat(page).as("%s is missing: run docs/diffs/update.sh", page).exists();
        assertThat(Files.readString(page)).as("%s is out of date: run docs/diffs/update.sh", page).isEqualTo(content);
    }

}
