package com.example.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the guides against the repository: every {@code ./mvnw} command names
 * real modules, every script they run exists, every link resolves, anchors included,
 * every code block that names a file shows that file's lines, and every class, property
 * and destination a chapter's guide names exists in that chapter.
 */
class GuidesTests {

    private static final Pattern MVNW = Pattern.compile("\\./mvnw[^`\\n]*");

    private static final Pattern MODULES = Pattern.compile("-pl\\s+([\\w,.-]+)");

    private static final Pattern SCRIPT = Pattern.compile("`((?:[\\w.-]+/)+[\\w.-]+\\.sh)");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void everyMavenCommandNamesRealModules() {
        Set<String> modules = MODULE.matcher(Course.read(Course.ROOT.resolve("pom.xml")))
            .results()
            .map((match) -> match.group(1))
            .collect(Collectors.toSet());
        List<String> commands = new ArrayList<>();
        for (Path guide : Course.guides()) {
            Matcher command = MVNW.matcher(Course.read(guide));
            while (command.find()) {
                commands.add(command.group());
                Matcher list = MODULES.matcher(command.group());
                while (list.find()) {
                    for (String module : list.group(1).split(",")) {
                        assertThat(modules).as("%s in %s names a module", command.group(), guide.getFileName())
                            .contains(module);
                    }
                }
            }
        }
        assertThat(commands).contains("./mvnw verify", "./mvnw -pl 01-basics spring-boot:run");
    }

    @Test
    void everyScriptTheGuidesRunExistsAndIsExecutable() {
        for (Path guide : Course.guides()) {
            Matcher script = SCRIPT.matcher(Course.read(guide));
            while (script.find()) {
                Path file = Course.ROOT.resolve(script.group(1));
                assertThat(file).as("%s in %s", script.group(1), guide.getFileName()).isRegularFile();
                assertThat(Files.isExecutable(file)).as("%s is executable", script.group(1)).isTrue();
            }
        }
    }

    @Test
    void everyLinkResolves() {
        List<String> problems = new ArrayList<>();
        for (Path guide : Course.guides()) {
            Matcher link = LINK.matcher(Course.read(guide));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? guide : guide.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    problems.add("%s: link %s: no such file".formatted(name(guide), target));
                }
                else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    problems.add("%s: link %s: no such heading".formatted(name(guide), target));
                }
            }
        }
        assertThat(problems).as("Links to files and headings that do not exist").isEmpty();
    }

    /**
     * The browser tests refresh only the screenshots that exist, so one that no guide
     * shows would be kept up to date for nobody.
     */
    @Test
    void everyScreenshotIsShownByAGuide() throws IOException {
        String guides = Course.guides().stream().map(Course::read).collect(Collectors.joining("\n"));
        try (Stream<Path> images = Files.list(Course.ROOT.resolve("docs/images"))) {
            assertThat(images.map((image) -> "images/" + image.getFileName()).filter((link) -> !guides.contains(link)))
                .as("Images in docs/images that no guide shows: delete them")
                .isEmpty();
        }
    }

    @Test
    void everyCodeBlockThatNamesAFileIsAnExcerptOfIt() {
        List<String> problems = new ArrayList<>();
        for (Path guide : Course.guides()) {
            problems.addAll(Excerpts.problems(name(guide), Course.read(guide), GuidesTests::lines));
        }
        assertThat(problems)
            .as("Code blocks whose info string names a file (```java path/from/the/root) must show lines of that file, "
                    + "in order; ... or // ... skips lines. Fix these blocks or their paths")
            .isEmpty();
    }

    @Test
    void everyNameInBackticksExistsInTheChapterItIsAbout() {
        Map<String, Chapter> chapters = Chapter.all();
        List<String> problems = new ArrayList<>();
        for (Path guide : Course.guides()) {
            String chapter = GuideNames.chapterOf(name(guide));
            if (chapter != null) {
                problems.addAll(
                        GuideNames.problems(name(guide), Markdown.spans(Course.read(guide)), chapter, chapters, true));
            }
        }
        assertThat(problems)
            .as("A chapter's guide names in backticks only classes, hub.* properties and destinations of its chapter, "
                    + "or of the chapter the text names (see GuideNames). Fix these names")
            .isEmpty();
    }

    /** The guide's path from the repository's root, as messages show it. */
    static String name(Path guide) {
        return Course.ROOT.relativize(guide).toString().replace('\\', '/');
    }

    /**
     * The lines of a file inside the repository, or {@code null} if there is no such
     * file.
     */
    private static List<String> lines(String path) {
        Path file = Course.ROOT.resolve(path).normalize();
        return (file.startsWith(Course.ROOT) && Files.isRegularFile(file)) ? Course.read(file).lines().toList() : null;
    }

    /** The anchors GitHub makes of a Markdown file's headings. */
    private static Set<String> anchors(Path markdown) {
        return Course.read(markdown)
            .lines()
            .filter((line) -> line.startsWith("#"))
            .map((line) -> line.replaceFirst("^#+\\s*", "").replace("`", ""))
            .map((heading) -> heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
            .collect(Collectors.toSet());
    }

}
