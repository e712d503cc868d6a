package com.example.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository the checks read: its chapters and its Markdown files. */
final class Course {

    /** The repository's root: Maven runs the tests in {@code course-checks/}. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern CHAPTER = Pattern.compile("\\d\\d-[a-z0-9-]+");

    private Course() {
    }

    /** The chapter directories, in order: 01-basics, 02-server-hubs, ... */
    static List<String> chapters() {
        try (Stream<Path> entries = Files.list(ROOT)) {
            return entries.filter(Files::isDirectory)
                .map((path) -> path.getFileName().toString())
                .filter((name) -> CHAPTER.matcher(name).matches())
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** README.md and the guides in docs/, without the generated diff pages. */
    static List<Path> guides() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            return Stream
                .concat(Stream.of(ROOT.resolve("README.md")),
                        docs.filter((path) -> path.toString().endsWith(".md")).sorted())
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The command that runs {@code course-checks/Learn.java} with these arguments, on the
     * JDK that runs the tests.
     */
    static List<String> learnCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                ROOT.resolve("course-checks/Learn.java").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code Learn.java} in the directory, and what it said, once it succeeded. */
    static String learn(Path directory, String... args) throws IOException, InterruptedException {
        Process learn = new ProcessBuilder(learnCommand(args)).directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
        String said = new String(learn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(learn.waitFor()).as(said).isZero();
        return said;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every file of the tree, relative to it, build output and IDE files left out. */
    static List<String> files(Path tree) {
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(Files::isRegularFile)
                .map((path) -> tree.relativize(path).toString().replace('\\', '/'))
                .filter((name) -> !name.startsWith("target/") && !name.contains("/target/"))
                .filter((name) -> !name.startsWith(".") && !name.endsWith(".iml"))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
