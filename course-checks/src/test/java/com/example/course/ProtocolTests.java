package com.example.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every destination and HTTP endpoint that {@code docs/protocol.md} lists under a chapter
 * is handled by that chapter's code, and by every later chapter's: a later chapter only
 * adds.
 */
class ProtocolTests {

    private static final Pattern SECTION = Pattern.compile("^## Chapter (\\d\\d)", Pattern.MULTILINE);

    private static final Pattern DESTINATION = Pattern
        .compile("`(?:SEND |SUBSCRIBE )?(/(?:app|topic|user/queue)/[A-Za-z]+)`");

    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST) (/[a-z/._-]*)");

    @Test
    void everyListedDestinationIsHandledByItsChapterAndTheChaptersAfterIt() {
        String protocol = Course.read(Course.ROOT.resolve("docs/protocol.md"));
        List<String> chapters = Course.chapters();
        Matcher section = SECTION.matcher(protocol);
        List<int[]> bounds = new ArrayList<>();
        while (section.find()) {
            bounds.add(new int[] { section.start(), Integer.parseInt(section.group(1)) });
        }
        assertThat(bounds).hasSize(chapters.size());
        int checked = 0;
        for (int i = 0; i < bounds.size(); i++) {
            int end = (i + 1 < bounds.size()) ? bounds.get(i + 1)[0] : protocol.length();
            String text = protocol.substring(bounds.get(i)[0], end);
            for (String chapter : chapters.subList(bounds.get(i)[1] - 1, chapters.size())) {
                String code = mainCode(chapter);
                for (String destination : destinations(text)) {
                    assertThat(code.contains(handlerOf(destination)))
                        .as("%s (protocol, chapter %02d) is handled in %s", destination, bounds.get(i)[1], chapter)
                        .isTrue();
                    checked++;
                }
                for (String[] endpoint : endpoints(text)) {
                    assertThat(handlersOf(endpoint[1]).stream().anyMatch(code::contains))
                        .as("%s %s (protocol, chapter %02d) is handled in %s", endpoint[0], endpoint[1],
                                bounds.get(i)[1], chapter)
                        .isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    /** What the code must contain to handle the destination. */
    private static String handlerOf(String destination) {
        if (destination.startsWith("/app/")) {
            return "Mapping(\"" + destination.substring("/app".length()) + "\")";
        }
        if (destination.startsWith("/user/queue/")) {
            return "\"" + destination.substring("/user".length()) + "\"";
        }
        return "\"" + destination + "\"";
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

    /** The chapter's Java code and configuration, as one text. */
    private static String mainCode(String chapter) {
        Path main = Course.ROOT.resolve(chapter).resolve("src/main");
        return Course.files(main)
            .stream()
            .filter((name) -> name.endsWith(".java") || name.endsWith(".properties"))
            .map((name) -> Course.read(main.resolve(name)))
            .collect(Collectors.joining("\n"));
    }

}
