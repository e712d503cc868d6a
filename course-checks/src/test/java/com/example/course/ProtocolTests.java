package com.example.course;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/protocol.md} has a section per chapter, and every destination and HTTP
 * endpoint it lists under a chapter is handled by that chapter's code, and by every later
 * chapter's: a later chapter only adds, but for the destinations a section says it
 * removes, on a line of their own ("Removed from this chapter on: `/user/queue/x`."),
 * which no chapter from then on may handle. The classes and {@code hub.*} properties a
 * section names exist in its chapter.
 */
class ProtocolTests {

    private static final String PROTOCOL = "docs/protocol.md";

    private static final Pattern SECTION = Pattern.compile("## Chapter (\\d\\d)\\b.*");

    private static final Pattern DESTINATION = Pattern.compile("`" + Chapter.DESTINATION.pattern() + "`");

    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST) (/[a-z/._-]*)");

    private static final String REMOVED = "Removed from this chapter on: ";

    @Test
    void everyChapterHasItsSection() {
        List<String> numbers = sections().stream().map(Section::chapter).toList();
        List<String> chapters = Course.chapters().stream().map((chapter) -> chapter.substring(0, 2)).toList();
        assertThat(numbers)
            .as("%s has one \"## Chapter NN\" section per chapter (%s), in order: add the missing ones, "
                    + "remove or renumber the others", PROTOCOL, String.join(", ", Course.chapters()))
            .containsExactlyElementsOf(chapters);
    }

    @Test
    void everyListedDestinationIsHandledByItsChapterAndTheChaptersAfterIt() {
        Map<String, Chapter> chapters = Chapter.all();
        List<Section> sections = sections();
        int checked = 0;
        for (Section section : sections) {
            for (Chapter chapter : chapters.values()) {
                if (chapter.number().compareTo(section.chapter()) < 0) {
                    continue;
                }
                Set<String> listed = destinations(section.listing());
                listed.removeAll(removedUpTo(sections, chapter.number()));
                for (String destination : listed) {
                    assertThat(chapter.handles(destination))
                        .as("%s (%s:%d, chapter %s) is handled in %s: its src/main contains %s", destination, PROTOCOL,
                                section.line(), section.chapter(), chapter.name(), Chapter.handlerOf(destination))
                        .isTrue();
                    checked++;
                }
                for (String[] endpoint : endpoints(section.text())) {
                    assertThat(handlersOf(endpoint[1]).stream().anyMatch(chapter.mainCode()::contains))
                        .as("%s %s (%s:%d, chapter %s) is handled in %s", endpoint[0], endpoint[1], PROTOCOL,
                                section.line(), section.chapter(), chapter.name())
                        .isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void everyClassAndPropertyASectionNamesExistsInItsChapter() {
        Map<String, Chapter> chapters = Chapter.all();
        List<Markdown.Span> spans = Markdown.spans(Course.read(Course.ROOT.resolve(PROTOCOL)));
        List<Section> sections = sections();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            int from = sections.get(i).line();
            int to = (i + 1 < sections.size()) ? sections.get(i + 1).line() : Integer.MAX_VALUE;
            List<Markdown.Span> inSection = spans.stream()
                .filter((span) -> span.line() > from && span.line() < to)
                .toList();
            problems.addAll(GuideNames.problems(PROTOCOL, inSection, sections.get(i).chapter(), chapters, false));
        }
        assertThat(problems)
            .as("The classes and hub.* properties that a \"## Chapter NN\" section of %s names exist in chapter NN, "
                    + "or in the chapter the text names (see GuideNames). Fix these names", PROTOCOL)
            .isEmpty();
    }

    @Test
    void removedDestinationsAreHandledByNoChapterFromThenOn() {
        Map<String, Chapter> chapters = Chapter.all();
        List<Section> sections = sections();
        for (Chapter chapter : chapters.values()) {
            for (String destination : removedUpTo(sections, chapter.number())) {
                assertThat(chapter.handles(destination))
                    .as("%s is removed by chapter %s or earlier (%s), and %s no longer handles it", destination,
                            chapter.number(), PROTOCOL, chapter.name())
                    .isFalse();
            }
        }
    }

    /** The destinations that the sections up to this chapter's remove. */
    private static Set<String> removedUpTo(List<Section> sections, String chapter) {
        return sections.stream()
            .filter((section) -> section.chapter().compareTo(chapter) <= 0)
            .flatMap((section) -> section.text().lines().filter((line) -> line.startsWith(REMOVED)))
            .flatMap((line) -> destinations(line).stream())
            .collect(Collectors.toSet());
    }

    /**
     * What the code may contain to handle the HTTP path: a mapping, a rule, a setting.
     */
    private static List<String> handlersOf(String path) {
        if (path.startsWith("/actuator/health/")) {
            return List.of("management.endpoint.health.probes.enabled=true");
        }
        return List.of("Mapping(\"" + path + "\")", "\"" + path + "\"");
    }

    private static Set<String> destinations(String text) {
        return DESTINATION.matcher(text)
            .results()
            .map((match) -> match.group(1))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String[]> endpoints(String text) {
        return ENDPOINT.matcher(text)
            .results()
            .map((match) -> new String[] { match.group(1), match.group(2) })
            .toList();
    }

    /** The "## Chapter NN" sections of the protocol, in order. */
    private static List<Section> sections() {
        List<String> lines = Course.read(Course.ROOT.resolve(PROTOCOL)).lines().toList();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = SECTION.matcher(lines.get(i));
            if (heading.matches()) {
                int end = i + 1;
                while (end < lines.size() && !SECTION.matcher(lines.get(end)).matches()) {
                    end++;
                }
                sections.add(new Section(heading.group(1), i + 1, String.join("\n", lines.subList(i, end))));
            }
        }
        return sections;
    }

    /**
     * A "## Chapter NN" section.
     *
     * @param chapter its chapter's number
     * @param line the line of its heading
     * @param text its heading and text
     */
    private record Section(String chapter, int line, String text) {

        /** Its text without the lines that say what it removes. */
        String listing() {
            return this.text.lines().filter((line) -> !line.startsWith(REMOVED)).collect(Collectors.joining("\n"));
        }

    }

}
