package com.example.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guide's "Build it" steps lead from the chapter before to this one: every file of the
 * application that the chapter adds, changes or removes is named in a step, by its class
 * or file name (the page's files and other resources may be named by their folder), so a
 * learner who follows the steps misses nothing. (The code the steps show is the
 * chapter's: {@link ExcerptsTests}.)
 */
class BuildStepsTests {

    /**
     * The pom's own name and description differ in every chapter; they are not a step.
     */
    private static final Pattern POM_NAMING = Pattern
        .compile("<artifactId>\\d\\d-[a-z0-9-]+</artifactId>|<name>[^<]*</name>|<description>[^<]*</description>");

    @Test
    void everyFileTheChapterChangesIsNamedInItsBuildSteps() {
        List<String> chapters = Course.chapters();
        List<String> unnamed = new ArrayList<>();
        for (int i = 1; i < chapters.size(); i++) {
            String before = chapters.get(i - 1);
            String chapter = chapters.get(i);
            String steps = buildIt(Course.read(Course.ROOT.resolve("docs/" + chapter + ".md")));
            for (String file : changedFiles(before, chapter)) {
                if (!namedIn(steps, file)) {
                    unnamed.add(chapter + ": " + file);
                }
            }
        }
        assertThat(unnamed).as("files the chapter changes that its Build it section does not name").isEmpty();
    }

    private static List<String> changedFiles(String before, String chapter) {
        Path from = Course.ROOT.resolve(before);
        Path to = Course.ROOT.resolve(chapter);
        TreeSet<String> names = new TreeSet<>(Course.files(from.resolve("src/main")));
        names.addAll(Course.files(to.resolve("src/main")));
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            String old = Files.exists(from.resolve("src/main/" + name)) ? Course.read(from.resolve("src/main/" + name))
                    : null;
            String now = Files.exists(to.resolve("src/main/" + name)) ? Course.read(to.resolve("src/main/" + name))
                    : null;
            if (old == null || !old.equals(now)) {
                changed.add("src/main/" + name);
            }
        }
        if (!pom(from).equals(pom(to))) {
            changed.add("pom.xml");
        }
        return changed;
    }

    private static String pom(Path chapter) {
        return POM_NAMING.matcher(Course.read(chapter.resolve("pom.xml"))).replaceAll("");
    }

    private static boolean namedIn(String steps, String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String folder = file.substring(0, file.lastIndexOf('/') + 1);
        folder = folder.substring(folder.lastIndexOf('/', folder.length() - 2) + 1);
        return steps.contains(name) || Pattern.compile("\\b" + Pattern.quote(stem) + "\\b").matcher(steps).find()
                || !file.endsWith(".java") && steps.contains(folder);
    }

    private static String buildIt(String guide) {
        int start = guide.indexOf("\n## Build it");
        assertThat(start).as("a Build it section").isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, (end < 0) ? guide.length() : end);
    }

}
