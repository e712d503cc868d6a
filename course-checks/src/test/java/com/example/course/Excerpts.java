package com.example.course;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A fenced code block whose info string names a file after the language, as in
 * {@code ```java 04-authorization/src/main/java/com/example/hub/MessageHub.java}, shows
 * that file: its lines are consecutive lines of the file, leading and trailing whitespace
 * aside, except that a line {@code ...} or {@code // ...} stands for any number of
 * skipped lines, none included.
 */
final class Excerpts {

    private Excerpts() {
    }

    /**
     * What is wrong with the code blocks of a guide that name a file.
     * @param guide the guide's path, for the messages
     * @param markdown the guide
     * @param files the lines of a file given its path from the repository's root, or
     * {@code null} if there is no such file
     * @return one message per block that is not an excerpt of its file
     */
    static List<String> problems(String guide, String markdown, Function<String, List<String>> files) {
        List<String> problems = new ArrayList<>();
        for (Markdown.CodeBlock block : Markdown.codeBlocks(markdown)) {
            String path = block.path();
            if (path == null) {
                continue;
            }
            List<String> file = files.apply(path);
            if (file == null) {
                problems.add(("%s:%d: the code block names %s, which does not exist: after the language, "
                        + "give the path of an existing file from the repository's root")
                    .formatted(guide, block.line(), path));
                continue;
            }
            Mismatch mismatch = mismatch(block.lines(), file);
            if (mismatch != null) {
                problems.add("%s:%d: the code block is not an excerpt of %s: guide line %d, \"%s\", %s".formatted(guide,
                        block.line(), path, block.line() + 1 + mismatch.index(),
                        block.lines().get(mismatch.index()).strip(), mismatch.problem()));
            }
        }
        return problems;
    }

    /**
     * The first line of the block that does not match the file, or {@code null} if the
     * block is an excerpt of the file.
     */
    static Mismatch mismatch(List<String> block, List<String> file) {
        List<String> shown = block.stream().map(String::strip).toList();
        List<String> lines = file.stream().map(String::strip).toList();
        int next = 0;
        int start = 0;
        while (start < shown.size()) {
            if (isElision(shown.get(start))) {
                start++;
                continue;
            }
            int end = start;
            while (end < shown.size() && !isElision(shown.get(end))) {
                end++;
            }
            List<String> run = shown.subList(start, end);
            int at = indexOf(lines, run, next);
            if (at < 0) {
                return explain(run, start, lines, next);
            }
            next = at + run.size();
            start = end;
        }
        return null;
    }

    static boolean isElision(String line) {
        return line.equals("...") || line.equals("// ...");
    }

    private static int indexOf(List<String> lines, List<String> run, int from) {
        for (int at = from; at + run.size() <= lines.size(); at++) {
            if (lines.subList(at, at + run.size()).equals(run)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Why a run of consecutive block lines is nowhere in the file after line
     * {@code from}: the place where most of its first lines match decides which line is
     * wrong.
     */
    private static Mismatch explain(List<String> run, int offset, List<String> lines, int from) {
        int best = -1;
        int matched = 0;
        for (int at = from; at < lines.size(); at++) {
            int length = 0;
            while (length < run.size() && at + length < lines.size()
                    && lines.get(at + length).equals(run.get(length))) {
                length++;
            }
            if (length > matched) {
                best = at;
                matched = length;
            }
        }
        if (best < 0) {
            String problem;
            if (from == 0) {
                problem = "is not in the file";
            }
            else if (lines.subList(0, from).contains(run.get(0))) {
                problem = ("is in the file only before its line %d, where the block's lines above it match: "
                        + "show the lines in the file's order")
                    .formatted(from);
            }
            else {
                problem = "is not in the file after its line %d, where the block's lines above it match"
                    .formatted(from);
            }
            return new Mismatch(offset, problem);
        }
        int index = best + matched;
        String problem = (index < lines.size())
                ? "should be \"%s\", line %d of the file (mark skipped lines with ... or // ...)".formatted(
                        lines.get(index), index + 1)
                : "comes after the file's last line, %d".formatted(lines.size());
        return new Mismatch(offset + matched, problem);
    }

    /**
     * A block line that does not match its file.
     *
     * @param index its index in the block's lines
     * @param problem how it differs from the file, for people
     */
    record Mismatch(int index, String problem) {

    }

}
