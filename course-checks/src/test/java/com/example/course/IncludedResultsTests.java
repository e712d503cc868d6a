package com.example.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tests' results that a guide shows are the results files as the scripts wrote
 * them, never typed by hand: a block between
 * {@code <!-- results: loadtest/results/X.md -->} and {@code <!-- end of results -->}
 * must be that file's content, a {@code .txt} file in a text block. With
 * {@code -Dcourse.update-results=true} (what {@code loadtest/publish-results.sh} does)
 * the test copies the files into the guides instead.
 */
class IncludedResultsTests {

    private static final Pattern BLOCK = Pattern.compile("(<!-- results: (\\S+) -->\\n)(.*?)(<!-- end of results -->)",
            Pattern.DOTALL);

    private static final boolean UPDATE = Boolean.getBoolean("course.update-results");

    @Test
    void includedResultsAreTheResultsFiles() throws IOException {
        int blocks = 0;
        for (Path guide : Course.guides()) {
            String text = Course.read(guide);
            Matcher block = BLOCK.matcher(text);
            StringBuilder updated = new StringBuilder();
            while (block.find()) {
                blocks++;
                Path results = Course.ROOT.resolve(block.group(2));
                assertThat(results).as("%s includes %s", guide.getFileName(), block.group(2)).exists();
                String content = Course.read(results).strip() + "\n";
                if (block.group(2).endsWith(".txt")) {
                    content = "```text\n" + content + "```\n";
                }
                if (!UPDATE) {
                    assertThat(block.group(3))
                        .as("%s shows %s as it is: run loadtest/publish-results.sh", guide.getFileName(),
                                block.group(2))
                        .isEqualTo(content);
                }
                block.appendReplacement(updated, Matcher.quoteReplacement(block.group(1) + content + block.group(4)));
            }
            block.appendTail(updated);
            if (UPDATE) {
                Files.writeString(guide, updated.toString());
            }
        }
        assertThat(blocks).as("docs/performance.md shows the results files").isPositive();
    }

}
