package com.example.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The course's classes, {@code hub.*} properties and destinations that a guide names in
 * backticks exist in the chapter the guide is about, or in the chapter the text names:
 * {@code `Name` (chapter 02)}, {@code chapter 02's `Name`} or
 * {@code [`Name`](02-server-hubs.md)}. Exercises, which name what the reader will add,
 * are not checked.
 */
final class GuideNames {

    private static final Pattern GUIDE = Pattern.compile("(\\d\\d)-[^/]*\\.md");

    /**
     * A class, maybe annotated as one, maybe followed by a member:
     * {@code HubClients.user}.
     */
    private static final Pattern CLASS = Pattern.compile("@?([A-Z][A-Za-z0-9_]*)(?:[.#(<\\[:].*)?");

    /** A property key, maybe with a value: {@code hub.token.lifetime=20s}. */
    private static final Pattern PROPERTY = Pattern.compile("(hub\\.[\\w.<>-]+)(?:=.*)?");

    private static final Pattern FILE = Pattern
        .compile(".*\\.(?:js|mjs|css|html|json|java|md|properties|pem|sh|xml|yml|yaml|txt)");

    private static final Pattern FOLLOWING = Pattern.compile("\\((?i:chapter) (\\d\\d)\\)");

    private static final Pattern LINK = Pattern.compile("\\]\\((?:\\.\\./)*(?:docs/)?(\\d\\d)-");

    private static final String EXERCISES = "Exercises";

    private static final Pattern PRECEDING = Pattern.compile("(?i:chapter) (\\d\\d)['’]s\\s*$");

    private GuideNames() {
    }

    /**
     * The number of the chapter a guide is about, {@code 04} for
     * {@code docs/04-authorization.md}, or {@code null} if it is no chapter's guide.
     */
    static String chapterOf(String guide) {
        Matcher name = GUIDE.matcher(guide.substring(guide.lastIndexOf('/') + 1));
        return name.matches() ? name.group(1) : null;
    }

    /**
     * What the spans name that does not exist where they say it does.
     * @param guide the guide's path, for the messages
     * @param spans the spans to check
     * @param chapter the number of the chapter the spans are about
     * @param chapters every chapter, by number
     * @param destinations whether to check destinations too
     * @return one message per name that was not found
     */
    static List<String> problems(String guide, List<Markdown.Span> spans, String chapter, Map<String, Chapter> chapters,
            boolean destinations) {
        List<String> problems = new ArrayList<>();
        Set<String> courseClasses = chapters.values()
            .stream()
            .flatMap((each) -> each.classes().stream())
            .collect(Collectors.toSet());
        for (Markdown.Span span : spans) {
            if (span.heading().equalsIgnoreCase(EXERCISES)) {
                continue;
            }
            String text = span.text().strip();
            Matcher destination = Chapter.DESTINATION.matcher(text);
            Matcher property = PROPERTY.matcher(text);
            Matcher type = CLASS.matcher(text);
            String problem;
            if (destinations && destination.matches()) {
                problem = check(span, chapter, chapters, (in) -> in.handles(destination.group(1)),
                        (in) -> "is not handled in %s: nothing under its src/main contains %s".formatted(in.name(),
                                Chapter.handlerOf(destination.group(1))));
            }
            else if (property.matches() && !FILE.matcher(property.group(1)).matches()) {
                String key = property.group(1);
                problem = check(span, chapter, chapters, (in) -> in.defines(key),
                        (in) -> "is not a property of %s: no application*.properties under its ".formatted(in.name())
                                + "src/main/resources or src/test/resources defines it"
                                + elsewhere(chapters, (other) -> other.defines(key)));
            }
            else if (type.matches() && courseClasses.contains(type.group(1))) {
                String name = type.group(1);
                problem = check(span, chapter, chapters, (in) -> in.classes().contains(name),
                        (in) -> "is not a class of %s: there is no src/main/java/**/%s.java%s".formatted(in.name(),
                                name, elsewhere(chapters, (other) -> other.classes().contains(name))));
            }
            else {
                continue;
            }
            if (problem != null) {
                problems.add("%s:%d: `%s` %s".formatted(guide, span.line(), text, problem));
            }
        }
        return problems;
    }

    /** What is wrong with the name, or {@code null} if its chapter has it. */
    private static String check(Markdown.Span span, String chapter, Map<String, Chapter> chapters,
            Predicate<Chapter> has, Function<Chapter, String> missing) {
        String referred = referredChapter(span);
        String number = (referred != null) ? referred : chapter;
        Chapter in = chapters.get(number);
        if (in == null) {
            return (referred != null)
                    ? "refers to chapter %s, which does not exist (no directory %s-*)".formatted(number, number)
                    : "cannot be checked: this text is about chapter %s, which does not exist (no directory %s-*)"
                        .formatted(number, number);
        }
        if (has.test(in)) {
            return null;
        }
        String hint = (referred != null) ? "" : "; if the text is about another chapter, write \"(chapter NN)\" "
                + "after the name, \"chapter NN's\" before it, or link the name to that chapter";
        return missing.apply(in) + hint;
    }

    /**
     * The chapter the span refers to: if it is a link's text, the chapter of the link's
     * target ({@code [`Name`](02-server-hubs.md)},
     * {@code [`Name`](../02-server-hubs/...)}); else {@code chapter NN's} right before it
     * (the line before counts if the span starts its line); else the first
     * {@code (chapter NN)} after it on its line; else {@code null}.
     */
    static String referredChapter(Markdown.Span span) {
        Matcher link = LINK.matcher(span.after());
        if (span.before().endsWith("[") && link.lookingAt()) {
            return link.group(1);
        }
        String before = span.before().isBlank() ? span.previousLine() : span.before();
        Matcher preceding = PRECEDING.matcher(before);
        if (preceding.find()) {
            return preceding.group(1);
        }
        Matcher following = FOLLOWING.matcher(span.after());
        return following.find() ? following.group(1) : null;
    }

    private static String elsewhere(Map<String, Chapter> chapters, Predicate<Chapter> has) {
        Set<String> names = chapters.values()
            .stream()
            .filter(has)
            .map(Chapter::name)
            .collect(Collectors.toCollection(TreeSet::new));
        return names.isEmpty() ? " (it is in no chapter)" : " (it is in " + String.join(", ", names) + ")";
    }

}
