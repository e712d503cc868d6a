package com.example.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chapter's guide teaches its lesson in about 3,000 words, code included, before "Going
 * deeper", where the internals and edge cases go. The guides not yet built that way are
 * named here, so that the list can only shrink.
 */
class GuideLengthTests {

    static final int WORDS_BEFORE_GOING_DEEPER = 3_000;

    static final String GOING_DEEPER = "\n## Going deeper\n";

    /** Guides still to be split into the lesson and "Going deeper". */
    static final Set<String> NOT_YET_SPLIT = Set.of("05-scaling-redis.md", "06-production.md", "07-broker-relay.md");

    @Test
    void everyChapterGuideTeachesItsLessonBeforeGoingDeeper() {
        List<String> tooLong = new ArrayList<>();
        Set<String> unsplit = new TreeSet<>();
        for (Path guide : Course.guides()) {
            String name = guide.getFileName().toString();
            if (!name.matches("0[1-9]-.*\\.md")) {
                continue;
            }
            String text = Course.read(guide);
            int deeper = text.indexOf(GOING_DEEPER);
            if (deeper < 0) {
                unsplit.add(name);
                continue;
            }
            int words = text.substring(0, deeper).split("\\s+").length;
            if (words > WORDS_BEFORE_GOING_DEEPER) {
                tooLong.add(name + ": " + words + " words before \"Going deeper\"");
            }
        }
        assertThat(tooLong).as("guides whose lesson part is over %d words", WORDS_BEFORE_GOING_DEEPER).isEmpty();
        assertThat(unsplit).as("the guides without a \"Going deeper\" part (update NOT_YET_SPLIT as guides are split)")
            .isEqualTo(new TreeSet<>(NOT_YET_SPLIT));
    }

}
