package com.example.course;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link GuideNames} on small examples: which names in backticks a guide is
 * held to, and in which chapter they must exist.
 */
class GuideNamesTests {

    private static final Map<String, Chapter> CHAPTERS = new LinkedHashMap<>();

    static {
        CHAPTERS.put("01", new Chapter("01-basics", Set.of("MessageHub", "WebSocketConfig"), Set.of(),
                "@MessageMapping(\"/sendMessageToAll\") @SendTo(\"/topic/messages\")"));
        CHAPTERS.put("02",
                new Chapter("02-server-hubs", Set.of("MessageHub", "DestinationGuard"),
                        Set.of("hub.stats.interval", "hub.users.alice.roles"),
                        "@MessageMapping(\"/sendMessageToAll\") @SendTo(\"/topic/messages\") \"/queue/errors\""));
    }

    @Test
    void aClassOfTheGuidesChapterPasses() {
        assertThat(problems("02", "The `MessageHub` and `DestinationGuard.check(message)` classes.")).isEmpty();
    }

    @Test
    void aClassOfAnotherChapterFails() {
        assertThat(problems("01", "Then:\n`DestinationGuard` drops it."))
            .containsExactly("docs/01-basics.md:2: `DestinationGuard` is not a class of 01-basics: there is no "
                    + "src/main/java/**/DestinationGuard.java (it is in 02-server-hubs); if the text is about "
                    + "another chapter, write \"(chapter NN)\" after the name, \"chapter NN's\" before it, "
                    + "or link the name to that chapter");
    }

    @Test
    void aClassFollowedByChapterNnIsCheckedInThatChapter() {
        assertThat(problems("01", "Later, `DestinationGuard` drops it (chapter 02).")).isEmpty();
        assertThat(problems("02", "Later, `WebSocketConfig` does it (chapter 01).")).isEmpty();
        assertThat(problems("02", "Later, `WebSocketConfig` does it (chapter 02).")).singleElement()
            .asString()
            .contains("is not a class of 02-server-hubs");
    }

    @Test
    void aClassAfterChapterNnsIsCheckedInThatChapter() {
        assertThat(problems("01", "It keeps chapter 02's `DestinationGuard`.")).isEmpty();
        assertThat(problems("01", "It keeps chapter 02's\n`DestinationGuard`.")).isEmpty();
        assertThat(problems("01", "It keeps chapter 02's guard, `DestinationGuard`.")).hasSize(1);
    }

    @Test
    void aClassLinkedToAnotherChapterIsCheckedInThatChapter() {
        assertThat(problems("01", "Chapter 02 adds [`DestinationGuard`](02-server-hubs.md#destinationguard)."))
            .isEmpty();
        assertThat(problems("01", "See [`DestinationGuard`](../02-server-hubs/src/main/java/DestinationGuard.java)."))
            .isEmpty();
        assertThat(problems("02", "See [`WebSocketConfig`](../02-server-hubs/src/main/java/WebSocketConfig.java)."))
            .singleElement()
            .asString()
            .contains("is not a class of 02-server-hubs");
    }

    @Test
    void exercisesAreNotChecked() {
        assertThat(problems("01", """
                ## Exercises

                1. Add `/app/typing` and a `hub.typing.timeout`; move it to a `DestinationGuard`.

                ## Next

                `DestinationGuard`
                """)).singleElement().asString().startsWith("docs/01-basics.md:7: `DestinationGuard`");
    }

    @Test
    void aReferenceToAChapterThatDoesNotExistFails() {
        assertThat(problems("01", "`MessageHub` (chapter 07)")).containsExactly(
                "docs/01-basics.md:1: `MessageHub` refers to chapter 07, which does not exist (no directory 07-*)");
    }

    @Test
    void namesThatAreNoClassOfTheCourseAreNotChecked() {
        assertThat(problems("01", "`SimpMessagingTemplate`, `Principal.getName()`, `hub.js` and `hub:backplane`."))
            .isEmpty();
    }

    @Test
    void namesInFencedBlocksAreNotChecked() {
        assertThat(problems("01", "```md\n`DestinationGuard`\n```\n")).isEmpty();
    }

    @Test
    void namesInDoubleBackticksAreNotChecked() {
        assertThat(problems("01", "``DestinationGuard`` and `` `DestinationGuard` ``")).isEmpty();
    }

    @Test
    void aPropertyOfTheChapterPasses() {
        assertThat(problems("02", "Set `hub.stats.interval`, or `hub.stats.interval=100ms`, or `hub.stats`."))
            .isEmpty();
    }

    @Test
    void aPartInAngleBracketsStandsForAnyPart() {
        assertThat(problems("02", "`hub.users.<name>.roles`")).isEmpty();
        assertThat(problems("02", "`hub.users.<name>.password`")).hasSize(1);
    }

    @Test
    void anUnknownPropertyFails() {
        assertThat(problems("02", "Set `hub.token.lifetime=20s`.")).containsExactly(
                "docs/02-server-hubs.md:1: `hub.token.lifetime=20s` is not a property of 02-server-hubs: no "
                        + "application*.properties under its src/main/resources or src/test/resources defines it "
                        + "(it is in no chapter); if the text is about another chapter, write \"(chapter NN)\" "
                        + "after the name, \"chapter NN's\" before it, or link the name to that chapter");
        assertThat(problems("01", "`hub.stats.interval`")).singleElement()
            .asString()
            .contains("(it is in 02-server-hubs)");
    }

    @Test
    void aHandledDestinationPasses() {
        assertThat(problems("02", "`SEND /app/sendMessageToAll`, `/topic/messages`, `SUBSCRIBE /user/queue/errors`"))
            .isEmpty();
    }

    @Test
    void anUnhandledDestinationFails() {
        assertThat(problems("01", "`/user/queue/errors`")).containsExactly(
                "docs/01-basics.md:1: `/user/queue/errors` is not handled in 01-basics: nothing under its src/main "
                        + "contains \"/queue/errors\"; if the text is about another chapter, write \"(chapter NN)\" "
                        + "after the name, \"chapter NN's\" before it, or link the name to that chapter");
        assertThat(problems("01", "`/user/queue/errors` (chapter 02)")).isEmpty();
    }

    @Test
    void destinationsAreCheckedOnlyWhenAsked() {
        assertThat(GuideNames.problems("docs/protocol.md", Markdown.spans("`/app/clearChat`"), "01", CHAPTERS, false))
            .isEmpty();
    }

    @Test
    void aGuideIsAboutTheChapterOfItsNumber() {
        assertThat(GuideNames.chapterOf("docs/04-authorization.md")).isEqualTo("04");
        assertThat(GuideNames.chapterOf("docs/protocol.md")).isNull();
        assertThat(GuideNames.chapterOf("README.md")).isNull();
    }

    private static List<String> problems(String chapter, String markdown) {
        String guide = "docs/" + CHAPTERS.get(chapter).name() + ".md";
        return GuideNames.problems(guide, Markdown.spans(markdown), chapter, CHAPTERS, true);
    }

}
