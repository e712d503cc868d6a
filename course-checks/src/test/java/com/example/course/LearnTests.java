package com.example.course;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The learner's workspace of {@code course-checks/Learn.java}: {@code start} gives the
 * chapter before (its code, not its tests) as a module of its own, {@code reset} starts
 * over and keeps the learner's work. (That each reference chapter passes its lesson
 * checks is proved in the chapter, by its {@code LessonChecksTests}.)
 */
class LearnTests {

    @TempDir
    Path root;

    @Test
    void startCopiesThePreviousChapterAsTheWorkspaceModule() throws Exception {
        fakeCourse();
        String said = learn("start", "02");
        Path workspace = this.root.resolve("workspace");
        assertThat(said).contains("your copy of chapter 01");
        assertThat(Files.readString(workspace.resolve(".chapter")).trim()).isEqualTo("02");
        String pom = Files.readString(workspace.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>workspace</artifactId>", "<name>My chapter 02</name>")
            .doesNotContain("<artifactId>01-basics</artifactId>");
        assertThat(workspace.resolve("src/main/java/com/example/hub/MessageHub.java")).exists();
        assertThat(workspace.resolve("target")).doesNotExist();
        assertThat(workspace.resolve("src/test")).as("chapter 01's tests, which chapter 02 breaks").doesNotExist();
    }

    @Test
    void chapterOneStartsFromAnEmptySpringBootApp() throws Exception {
        fakeCourse();
        learn("start", "01");
        Path workspace = this.root.resolve("workspace");
        assertThat(Files.readString(workspace.resolve("pom.xml"))).contains("spring-boot-starter-websocket")
            .doesNotContain("stomp__stompjs");
        assertThat(workspace.resolve("src/main/java/com/example/HubApplication.java")).exists();
        try (Stream<Path> files = Files.walk(workspace.resolve("src/main/java"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void resetStartsOverAndKeepsTheLearnersWork() throws Exception {
        fakeCourse();
        learn("start", "02");
        Path mine = this.root.resolve("workspace/src/main/java/com/example/hub/Mine.java");
        Files.writeString(mine, "class Mine {}");
        String said = learn("reset");
        assertThat(mine).doesNotExist();
        assertThat(this.root.resolve("workspace/.chapter")).exists();
        try (Stream<Path> kept = Files.list(this.root)) {
            Path old = kept.filter((dir) -> dir.getFileName().toString().startsWith("workspace-"))
                .findFirst()
                .orElseThrow();
            assertThat(old.resolve("src/main/java/com/example/hub/Mine.java")).exists();
            assertThat(said).contains(old.getFileName().toString());
        }
    }

    @Test
    void everyChapterIsListedWithChecksOfItsOwn() throws Exception {
        fakeCourse();
        String list = learn("list");
        for (String chapter : List.of("01", "02", "03", "04", "05", "06", "07")) {
            assertThat(list).containsPattern("Chapter " + chapter + " · [^\n]*\n  · ");
        }
    }

    @Test
    void checkWatchChecksAgainWhenAFileIsSaved() throws Exception {
        fakeCourse();
        // A wrapper whose every build fails at once: enough to see each round of checks.
        Path wrapper = this.root.resolve("mvnw");
        Files.writeString(wrapper, "#!/bin/sh\necho 'no build here'\nexit 1\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        learn("start", "02");
        Process watch = new ProcessBuilder(Course.learnCommand("check", "--watch")).directory(this.root.toFile())
            .redirectErrorStream(true)
            .start();
        StringBuffer said = new StringBuffer();
        Thread reader = new Thread(() -> {
            try {
                watch.getInputStream().transferTo(new OutputStream() {

                    @Override
                    public void write(int b) {
                        said.append((char) b);
                    }

                });
            }
            catch (IOException ex) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                .until(() -> rounds(said) == 1 && said.toString().contains("Watching"));
            Files.writeString(this.root.resolve("workspace/src/main/java/com/example/hub/Mine.java"), "class Mine {}");
            await().atMost(Duration.ofSeconds(60)).until(() -> rounds(said) == 2);
        }
        finally {
            watch.destroyForcibly().waitFor();
            reader.join();
        }
        assertThat(said.toString()).contains("does not build");
    }

    private static int rounds(StringBuffer said) {
        return said.toString().split("Building workspace/", -1).length - 1;
    }

    /** A course folder with the wrapper and chapter 01's real sources. */
    private void fakeCourse() throws IOException {
        Files.writeString(this.root.resolve("mvnw"), "");
        Path basics = Course.ROOT.resolve("01-basics");
        for (String file : Course.files(basics)) {
            Path copy = this.root.resolve("01-basics").resolve(file);
            Files.createDirectories(copy.getParent());
            Files.copy(basics.resolve(file), copy);
        }
    }

    private String learn(String... args) throws Exception {
        return Course.learn(this.root, args);
    }

}
