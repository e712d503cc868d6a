package com.example.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chapter's guide teaches its lesson in about 3,000 words, code included, before "Going
 * deeper", where the internals and edge cases go.
 */
class GuideLengthTests {

    static final int WORDS_BEFORE_GOING_DEEPER = 3_000;

    static final String GOING_DEEPER = "\n## Going deeper\n";

    @Test
    void everyChapterGuideTeachesItsLessonBeforeGoingDeeper() {
        List<String> problems = new ArrayList<>();
        for (Path guide : Course.guides()) {
            String name = guide.getFileName().toString();
            if (!name.matches("0[1-9]-.*\\.md")) {
                continue;
            }
            String text = Course.read(guide);
            int deeper = text.indexOf(GOING_DEEPER);
            if (deeper < 0) {
                problems.add(name + ": no \"Going deeper\" part");
                continue;
            }
            int words = text.substring(0, deeper).split("\\s+").length;
            if (words > WORDS_BEFORE_GOING_DEEPER) {
                problems.add(name + ": " + words + " words before \"Going deeper\"");
            }
        }
        assertThat(problems).as("guides whose lesson part is over %d words", WORDS_BEFORE_GOING_DEEPER).isEmpty();
    }

}
