package com.example.course;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a chapter's code defines that a guide may name: its classes, its properties and
 * the destinations it handles.
 *
 * @param name the chapter's directory, e.g. {@code 04-authorization}
 * @param classes the simple names of the classes in its {@code src/main/java}
 * @param properties the keys its {@code application*.properties} in
 * {@code src/main/resources} and {@code src/test/resources} define
 * @param mainCode its Java code and configuration under {@code src/main}, as one text
 */
record Chapter(String name, Set<String> classes, Set<String> properties, String mainCode) {

    /** A STOMP destination a client uses, maybe after the frame it is used in. */
    static final Pattern DESTINATION = Pattern.compile("(?:SEND |SUBSCRIBE )?(/(?:app|topic|user/queue)/[A-Za-z]+)");

    private static final Pattern PROPERTIES = Pattern.compile("(.*/)?application[\\w-]*\\.properties");

    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]*>");

    /** The chapter's number, e.g. {@code 04}. */
    String number() {
        return this.name.substring(0, 2);
    }

    /** Whether the chapter's code handles the destination: see {@link #handlerOf}. */
    boolean handles(String destination) {
        return this.mainCode.contains(handlerOf(destination));
    }

    /**
     * Whether the chapter's properties define the key, or keys that start with it and a
     * dot: {@code hub.token} names the group {@code hub.token.lifetime} is in. A part in
     * angle brackets, as in {@code hub.users.<name>.roles}, stands for any one part.
     */
    boolean defines(String key) {
        StringBuilder regex = new StringBuilder();
        int last = 0;
        Matcher placeholders = PLACEHOLDER.matcher(key);
        while (placeholders.find()) {
            regex.append(Pattern.quote(key.substring(last, placeholders.start()))).append("[^.]+");
            last = placeholders.end();
        }
        regex.append(Pattern.quote(key.substring(last))).append("(\\..+)?");
        Pattern pattern = Pattern.compile(regex.toString());
        return this.properties.stream().anyMatch((defined) -> pattern.matcher(defined).matches());
    }

    /** What the code must contain to handle the destination. */
    static String handlerOf(String destination) {
        if (destination.startsWith("/app/")) {
            return "Mapping(\"" + destination.substring("/app".length()) + "\")";
        }
        if (destination.startsWith("/user/queue/")) {
            return "\"" + destination.substring("/user".length()) + "\"";
        }
        return "\"" + destination + "\"";
    }

    /** Every chapter of the course, by number. */
    static Map<String, Chapter> all() {
        Map<String, Chapter> chapters = new LinkedHashMap<>();
        for (String name : Course.chapters()) {
            Chapter chapter = read(name);
            chapters.put(chapter.number(), chapter);
        }
        return chapters;
    }

    static Chapter read(String name) {
        Path root = Course.ROOT.resolve(name);
        Path java = root.resolve("src/main/java");
        Set<String> classes = (Files.isDirectory(java)) ? Course.files(java)
            .stream()
            .filter((file) -> file.endsWith(".java"))
            .map((file) -> file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length()))
            .filter((simpleName) -> !simpleName.contains("-"))
            .collect(Collectors.toCollection(TreeSet::new)) : Set.of();
        Set<String> properties = new TreeSet<>();
        for (String resources : new String[] { "src/main/resources", "src/test/resources" }) {
            Path tree = root.resolve(resources);
            if (Files.isDirectory(tree)) {
                Course.files(tree)
                    .stream()
                    .filter((file) -> PROPERTIES.matcher(file).matches())
                    .forEach((file) -> properties.addAll(keys(Course.read(tree.resolve(file)))));
            }
        }
        Path main = root.resolve("src/main");
        String mainCode = (Files.isDirectory(main)) ? Course.files(main)
            .stream()
            .filter((file) -> file.endsWith(".java") || file.endsWith(".properties"))
            .map((file) -> Course.read(main.resolve(file)))
            .collect(Collectors.joining("\n")) : "";
        return new Chapter(name, classes, properties, mainCode);
    }

    /** The keys a properties file defines. */
    static Set<String> keys(String properties) {
        Properties loaded = new Properties();
        try {
            loaded.load(new StringReader(properties));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return loaded.stringPropertyNames();
    }

}
