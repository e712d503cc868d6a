package com.example.course;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link Excerpts} on small examples: what a code block that names a file
 * may show of it.
 */
class ExcerptsTests {

    private static final String PATH = "04-authorization/src/main/java/com/example/hub/Greeter.java";

    private static final String FILE = """
            package com.example.hub;

            class Greeter {

                String greet(String name) {
                    return "Hello, " + name;
                }

                String leave(String name) {
                    return "Bye, " + name;
                }

            }
            """;

    @Test
    void anExactExcerptPasses() {
        assertThat(problems("""
                Text.

                ```java %s
                String greet(String name) {
                    return "Hello, " + name;
                }
                ```
                """)).isEmpty();
    }

    @Test
    void indentationDoesNotMatter() {
        assertThat(problems("""
                - An item:

                  ```java %s
                  String greet(String name) {
                  return "Hello, " + name;
                  }
                  ```
                """)).isEmpty();
    }

    @Test
    void anExcerptWithElisionsPasses() {
        assertThat(problems("""
                ```java %s
                class Greeter {
                    ...
                    String leave(String name) {
                        // ...
                    }
                ...
                }
                ```
                """)).isEmpty();
    }

    @Test
    void anElisionMaySkipNoLines() {
        assertThat(problems("""
                ```java %s
                String greet(String name) {
                ...
                    return "Hello, " + name;
                ```
                """)).isEmpty();
    }

    @Test
    void aChangedLineFails() {
        assertThat(problems("""
                # Guide

                ```java %s
                String greet(String name) {
                    return "Hi, " + name;
                }
                ```
                """)).containsExactly("docs/guide.md:3: the code block is not an excerpt of " + PATH
                + ": guide line 5, \"return \"Hi, \" + name;\", should be \"return \"Hello, \" + name;\", "
                + "line 6 of the file (mark skipped lines with ... or // ...)");
    }

    @Test
    void aReorderedLineFails() {
        assertThat(problems("""
                ```java %s
                String leave(String name) {
                ...
                String greet(String name) {
                ```
                """)).containsExactly("docs/guide.md:1: the code block is not an excerpt of " + PATH
                + ": guide line 4, \"String greet(String name) {\", is in the file only before its line 9, "
                + "where the block's lines above it match: show the lines in the file's order");
    }

    @Test
    void aLeftOutLineWithoutElisionFails() {
        assertThat(problems("""
                ```java %s
                class Greeter {
                    String greet(String name) {
                ```
                """)).singleElement()
            .asString()
            .contains("guide line 3, \"String greet(String name) {\", should be \"\"");
    }

    @Test
    void aBlankLineMustMatchABlankLine() {
        assertThat(problems("""
                ```java %s
                package com.example.hub;
                class Greeter {
                ```
                """)).singleElement().asString().contains("guide line 3");
        assertThat(problems("""
                ```java %s
                package com.example.hub;

                class Greeter {
                ```
                """)).isEmpty();
    }

    @Test
    void aLineNotInTheFileFails() {
        assertThat(problems("""
                ```java %s
                String wave(String name) {
                ```
                """)).containsExactly("docs/guide.md:1: the code block is not an excerpt of " + PATH
                + ": guide line 2, \"String wave(String name) {\", is not in the file");
    }

    @Test
    void aMissingFileFails() {
        assertThat(Excerpts.problems("docs/guide.md", """
                Text.
                ```java 04-authorization/src/main/java/com/example/hub/Waver.java
                class Waver {
                ```
                """, Map.of(PATH, FILE.lines().toList())::get)).containsExactly("docs/guide.md:2: the code block names "
                + "04-authorization/src/main/java/com/example/hub/Waver.java, which does not exist: "
                + "after the language, give the path of an existing file from the repository's root");
    }

    @Test
    void blocksWithoutAPathAreNotChecked() {
        assertThat(problems("""
                ```java
                class Anything {
                ```

                ```diff
                -class Greeter {
                +class Waver {
                ```

                ```
                nothing
                ```
                """)).isEmpty();
    }

    @Test
    void aFourBacktickFenceEndsOnlyAtFourBackticks() {
        assertThat(problems("""
                ````java %s
                String greet(String name) {
                ```
                ````

                ```java %s
                }
                ```
                """)).singleElement().asString().startsWith("docs/guide.md:1: ").contains("guide line 3, \"```\"");
    }

    private static List<String> problems(String markdown) {
        return Excerpts.problems("docs/guide.md", markdown.replace("%s", PATH),
                Map.of(PATH, FILE.lines().toList())::get);
    }

}
