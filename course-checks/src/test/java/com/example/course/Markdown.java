package com.example.course;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Markdown text that the checks read: fenced code blocks and inline code
 * spans, with their line numbers (the first line is 1).
 */
final class Markdown {

    private Markdown() {
    }

    /**
     * The fenced code blocks: a line that starts with three or more backticks (after any
     * indentation) opens one, and a line that is the same backticks and nothing else
     * closes it. A block that is never closed runs to the end of the text.
     */
    static List<CodeBlock> codeBlocks(String markdown) {
        List<CodeBlock> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        String fence = null;
        int opening = 0;
        String info = null;
        List<String> content = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fence == null) {
                fence = fenceOf(line);
                if (fence != null) {
                    opening = i + 1;
                    info = line.strip().substring(fence.length()).strip();
                    content = new ArrayList<>();
                }
            }
            else if (line.strip().equals(fence)) {
                blocks.add(new CodeBlock(opening, info, content));
                fence = null;
            }
            else {
                content.add(line);
            }
        }
        if (fence != null) {
            blocks.add(new CodeBlock(opening, info, content));
        }
        return blocks;
    }

    /**
     * The inline code spans in single backticks outside fenced code blocks. A span ends
     * on the line it starts on; spans in two or more backticks are skipped, and so are
     * backticks escaped with a backslash.
     */
    static List<Span> spans(String markdown) {
        List<Span> spans = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        String fence = null;
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fence != null) {
                if (line.strip().equals(fence)) {
                    fence = null;
                }
                continue;
            }
            fence = fenceOf(line);
            if (fence == null) {
                if (line.startsWith("## ")) {
                    heading = line.substring(3).strip();
                }
                spansOf(line, i + 1, (i > 0) ? lines.get(i - 1) : "", heading, spans);
            }
        }
        return spans;
    }

    private static void spansOf(String line, int number, String previous, String heading, List<Span> spans) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c != '`') {
                i++;
                continue;
            }
            int run = runAt(line, i);
            int close = i + run;
            while (close < line.length() && runAt(line, close) != run) {
                close += Math.max(1, runAt(line, close));
            }
            if (close >= line.length()) {
                i += run;
                continue;
            }
            if (run == 1) {
                spans.add(new Span(number, line.substring(i + 1, close), line.substring(0, i),
                        line.substring(close + 1), previous, heading));
            }
            i = close + run;
        }
    }

    private static int runAt(String line, int start) {
        int end = start;
        while (end < line.length() && line.charAt(end) == '`') {
            end++;
        }
        return end - start;
    }

    /** The backticks that open a fenced block on this line, or null. */
    private static String fenceOf(String line) {
        String stripped = line.strip();
        int run = runAt(stripped, 0);
        if (run < 3 || stripped.indexOf('`', run) >= 0) {
            return null;
        }
        return stripped.substring(0, run);
    }

    /**
     * A fenced code block.
     *
     * @param line the line of its opening fence
     * @param info what follows the opening fence: the language, maybe a path
     * @param lines its content, without the fences
     */
    record CodeBlock(int line, String info, List<String> lines) {

        /** The second word of the info string, the file the block shows, or null. */
        String path() {
            String[] words = this.info.split("\\s+");
            return (words.length > 1) ? words[1] : null;
        }

    }

    /**
     * An inline code span.
     *
     * @param line its line
     * @param text what is between the backticks
     * @param before the text of its line before it
     * @param after the text of its line after it
     * @param previousLine the line before its line
     * @param heading the text of the last level-two heading ({@code ## ...}) before it
     */
    record Span(int line, String text, String before, String after, String previousLine, String heading) {

    }

}
