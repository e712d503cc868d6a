package com.example.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the guides against the repository: every {@code ./mvnw} command names
 * real modules, every script they run exists, and every link resolves, anchors included.
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
        for (Path guide : Course.guides()) {
            Matcher link = LINK.matcher(Course.read(guide));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? guide : guide.getParent().resolve(file).normalize();
                assertThat(resolved).as("link %s in %s", target, guide.getFileName()).exists();
                if (target.contains("#") && resolved.toString().endsWith(".md")) {
                    String anchor = target.substring(target.indexOf('#') + 1);
                    assertThat(anchors(resolved)).as("anchor of link %s in %s", target, guide.getFileName())
                        .contains(anchor);
                }
            }
        }
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
