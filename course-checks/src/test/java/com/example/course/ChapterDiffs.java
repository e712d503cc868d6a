package com.example.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * The published diff between two consecutive chapters: one Markdown page with a table of
 * the changed files and the unified diff of each, as {@code diff -ruN} would print it.
 */
final class ChapterDiffs {

    private ChapterDiffs() {
    }

    static String fileName(String from, String to) {
        return from + "-to-" + to + ".md";
    }

    static String page(String from, String to) {
        Path fromTree = Course.ROOT.resolve(from);
        Path toTree = Course.ROOT.resolve(to);
        TreeSet<String> names = new TreeSet<>(Course.files(fromTree));
        names.addAll(Course.files(toTree));
        StringBuilder table = new StringBuilder();
        StringBuilder diffs = new StringBuilder();
        for (String name : names) {
            List<String> before = lines(fromTree.resolve(name));
            List<String> after = lines(toTree.resolve(name));
            if (before.equals(after)) {
                continue;
            }
            Patch<String> patch = DiffUtils.diff(before, after);
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    Files.exists(fromTree.resolve(name)) ? from + "/" + name : "/dev/null",
                    Files.exists(toTree.resolve(name)) ? to + "/" + name : "/dev/null", before, patch, 3);
            long added = unified.stream().filter((line) -> line.startsWith("+") && !line.startsWith("+++")).count();
            long removed = unified.stream().filter((line) -> line.startsWith("-") && !line.startsWith("---")).count();
            String change = before.isEmpty() ? "added" : after.isEmpty() ? "removed" : "changed";
            table.append("| [`%s`](#%s) | %s | +%d −%d |%n".formatted(name, anchor(name), change, added, removed));
            diffs.append("%n## %s%n%n````diff%n%s%n````%n".formatted(name, String.join("\n", unified)));
        }
        return """
                # From %1$s to %2$s

                Every change that chapter %2$s makes to chapter %1$s: the complete source diff, build
                output left out. The guide, [%2$s.md](../%2$s.md), explains it. This page is generated
                (`docs/diffs/update.sh`) and checked by the build: do not edit it.

                | File | | Lines |
                |---|---|---|
                %3$s%4$s""".formatted(from, to, table, diffs);
    }

    /** The index of all diff pages. */
    static String index(List<String> chapters) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < chapters.size(); i++) {
            rows.add("- [%s → %s](%s)".formatted(chapters.get(i - 1), chapters.get(i),
                    fileName(chapters.get(i - 1), chapters.get(i))));
        }
        return """
                # What each chapter changes

                Each chapter is a copy of the one before it plus one lesson. These pages show the whole
                difference between two consecutive chapters, file by file, as `diff -ruN -x target` would.

                %s

                Regenerate them after changing a chapter with `docs/diffs/update.sh`; `./mvnw verify`
                fails while they are out of date.
                """.formatted(String.join("\n", rows));
    }

    private static String anchor(String heading) {
        return heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> lines(Path file) {
        return Files.exists(file) ? Course.read(file).lines().toList() : List.of();
    }

}
