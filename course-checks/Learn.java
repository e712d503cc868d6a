import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The learner's workspace and the lesson checks: build chapter N yourself, from chapter
 * N-1, and let a command tell you what works yet. It needs only the JDK:
 *
 * <pre>
 * java course-checks/Learn.java start 02    workspace/ = chapter 01, ready to become your 02
 * java course-checks/Learn.java check       builds and starts workspace/, checks chapter 02's lesson
 * java course-checks/Learn.java check --all every check, not only up to the first that fails
 * java course-checks/Learn.java check --watch   checks again each time you save a file
 * java course-checks/Learn.java reset       workspace/ back to where "start" left it (the old one is kept)
 * java course-checks/Learn.java list        the chapters, their checks and their exercises
 * java course-checks/Learn.java check --exercise 2   exercise 2 of workspace/'s chapter, and its lesson
 * java course-checks/Learn.java solution 01 2        chapter 01 with the reference solution of exercise 2, checked
 * </pre>
 *
 * The checks talk to the app from outside, as the page does (HTTP, and STOMP over a
 * WebSocket), so they do not care what you named your classes. From chapter 05 on, the
 * lesson is a cluster, and {@code check} starts two instances. {@code --url URL} (and
 * {@code --url2 URL} for a second instance) checks apps that are already running, and
 * {@code --chapter NN} picks the lesson: that is how each reference chapter's tests prove
 * that the chapter passes its own checks. (One file, so that {@code java} runs it without a
 * build: Java 17 runs a single source file only.)
 */
public class Learn {

    static final Duration WAIT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = projectRoot();
        int status = switch (options.command) {
            case "start" -> start(root, options.chapter().orElseThrow(() -> usage("start needs a chapter, e.g. start 02")));
            case "reset" -> reset(root);
            case "check" -> check(root, options);
            case "solution" -> solution(root, options);
            case "list" -> list();
            default -> throw usage("unknown command " + options.command);
        };
        System.exit(status);
    }

    // ---------------------------------------------------------------- the workspace

    static int start(Path root, Chapter chapter) throws IOException {
        Path workspace = root.resolve("workspace");
        if (Files.exists(workspace)) {
            Path kept = keep(root, workspace);
            System.out.println("Your previous workspace is kept in " + root.relativize(kept) + ".");
        }
        fill(root, workspace, chapter);
        System.out.println("Chapter " + chapter.number + " · " + chapter.title + " — "
                + (chapter.previous() == null ? "an empty Spring Boot app, as Spring Initializr makes it,"
                        : "your copy of chapter " + chapter.previous().number + " (" + chapter.previous().module + ")")
                + " is in workspace/.");
        System.out.println("Follow docs/" + chapter.module + ".md. Run it:   " + wrapper() + " -pl workspace spring-boot:run");
        System.out.println("Check it: java course-checks/Learn.java check");
        return 0;
    }

    static int reset(Path root) throws IOException {
        Path workspace = root.resolve("workspace");
        Chapter chapter = workspaceChapter(workspace);
        Path kept = keep(root, workspace);
        fill(root, workspace, chapter);
        System.out.println("workspace/ is back at the start of chapter " + chapter.number + "; your work is kept in "
                + root.relativize(kept) + ".");
        return 0;
    }

    /** Moves a workspace aside, never deletes one: a reset should not lose an afternoon's work. */
    private static Path keep(Path root, Path workspace) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path kept = root.resolve("workspace-" + stamp);
        Files.move(workspace, kept);
        return kept;
    }

    private static void fill(Path root, Path workspace, Chapter chapter) throws IOException {
        Chapter from = chapter.previous();
        if (from == null) {
            emptyApp(workspace);
        }
        else {
            copy(root.resolve(from.module), workspace, false);
            Path pom = workspace.resolve("pom.xml");
            String text = Files.readString(pom)
                .replace("<artifactId>" + from.module + "</artifactId>", "<artifactId>workspace</artifactId>")
                .replaceFirst("<name>[^<]*</name>", "<name>My chapter " + chapter.number + "</name>");
            Files.writeString(pom, text);
        }
        Files.writeString(workspace.resolve(".chapter"), chapter.number + "\n");
    }

    /** What Spring Initializr gives for a Maven project with the WebSocket dependency. */
    private static void emptyApp(Path workspace) throws IOException {
        Path java = workspace.resolve("src/main/java/com/example");
        Files.createDirectories(java);
        Files.createDirectories(workspace.resolve("src/main/resources/static"));
        Files.writeString(workspace.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>

                  <!-- The course's root pom: Spring Boot's parent, and the versions of the
                       libraries the chapters add. -->
                  <parent>
                    <groupId>com.example</groupId>
                    <artifactId>practical-spring-websocket</artifactId>
                    <version>1.0.0-SNAPSHOT</version>
                  </parent>

                  <artifactId>workspace</artifactId>
                  <name>My chapter 01</name>

                  <dependencies>
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-websocket</artifactId>
                    </dependency>

                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-test</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """);
        Files.writeString(java.resolve("HubApplication.java"), """
                package com.example;

                import org.springframework.boot.SpringApplication;
                import org.springframework.boot.autoconfigure.SpringBootApplication;

                @SpringBootApplication
                public class HubApplication {

                    public static void main(String[] args) {
                        SpringApplication.run(HubApplication.class, args);
                    }

                }
                """);
        Files.writeString(workspace.resolve("src/main/resources/application.properties"), "");
    }

    /**
     * Copies a chapter's module, without what it built. A workspace leaves the chapter's own
     * tests behind: they test the chapter before, and stop compiling (and so running) as the
     * lesson changes its types; the lesson checks are the learner's tests.
     */
    static void copy(Path from, Path to, boolean withTests) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().equals("target") || !withTests && dir.equals(from.resolve("src/test"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

        });
    }

    private static Chapter workspaceChapter(Path workspace) throws IOException {
        Path marker = workspace.resolve(".chapter");
        if (!Files.exists(marker)) {
            throw usage("there is no workspace yet: start one with  java course-checks/Learn.java start 01");
        }
        return Chapter.byNumber(Files.readString(marker).trim());
    }

    // ---------------------------------------------------------------- checking

    static int check(Path root, Options options) throws Exception {
        if (options.url != null) {
            Chapter chapter = options.chapter().orElseThrow(() -> usage("--url needs --chapter NN"));
            return runChecks(chapter, options.exercise, options.url, options.url2, options.all);
        }
        Path workspace = root.resolve("workspace");
        Chapter chapter = options.chapter().isPresent() ? options.chapter().get() : workspaceChapter(workspace);
        if (options.watch) {
            return watch(root, workspace, chapter, options.exercise, options.all);
        }
        return buildAndCheck(root, workspace, chapter, options.exercise, options.all, List.of());
    }

    /**
     * Checks, and checks again each time a file of the workspace changes, as
     * {@code rustlings watch} does, until Ctrl-C. It looks at the files' sizes and times
     * twice a second rather than asking the operating system to tell it: that works the
     * same on every system and every kind of folder.
     */
    static int watch(Path root, Path workspace, Chapter chapter, Integer exercise, boolean all) throws Exception {
        while (true) {
            String checked = filesOf(workspace);
            buildAndCheck(root, workspace, chapter, exercise, all, List.of());
            System.out.println();
            System.out.println("Watching workspace/: the checks run again when you save a file. Ctrl-C stops.");
            String now = checked;
            while (now.equals(checked)) {
                Thread.sleep(500);
                now = filesOf(workspace);
            }
            // An editor may save several files at once: wait until they have all changed.
            for (String settled = ""; !settled.equals(now); now = filesOf(workspace)) {
                settled = now;
                Thread.sleep(500);
            }
        }
    }

    /** Every source file of the workspace, with its size and time: what a change changes. */
    private static String filesOf(Path workspace) throws IOException {
        StringBuilder files = new StringBuilder();
        try (Stream<Path> walk = Files.walk(workspace)) {
            for (Path file : walk.filter(Files::isRegularFile)
                .filter((file) -> !workspace.relativize(file).startsWith("target"))
                .sorted()
                .toList()) {
                files.append(file).append(' ').append(Files.size(file)).append(' ')
                    .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            }
        }
        return files.toString();
    }

    /**
     * Chapter NN's reference code with the reference solution of one of its exercises
     * ({@code docs/solutions/NN-.../K-....patch}), built and checked as a workspace is.
     */
    static int solution(Path root, Options options) throws Exception {
        Chapter chapter = options.chapter().orElseThrow(() -> usage("solution needs a chapter and an exercise, e.g. solution 01 2"));
        if (options.exercise == null) {
            throw usage("solution needs an exercise, e.g. solution " + chapter.number + " 2");
        }
        Exercise exercise = Exercises.of(chapter, options.exercise);
        Path patch = exercise.solution(root, chapter);
        Path copy = root.resolve("course-checks/target/solutions/" + chapter.module + "-" + exercise.number);
        Solutions.prepare(root, root.resolve(chapter.module), patch, copy);
        System.out.println("Chapter " + chapter.number + " with " + root.relativize(patch) + " is in "
                + root.relativize(copy) + ".");
        return buildAndCheck(root, copy, chapter, options.exercise, true, Solutions.testsChangedBy(patch));
    }

    /** Builds the module, running these of its tests, starts it, and checks it. */
    private static int buildAndCheck(Path root, Path module, Chapter chapter, Integer exercise, boolean all,
            List<String> tests) throws Exception {
        boolean twoInstances = Checks.of(chapter).stream().anyMatch(Check::twoInstances);
        try (RunningApp app = RunningApp.build(root, module, twoInstances, tests)) {
            if (app == null) {
                return 1;
            }
            return runChecks(chapter, exercise, app.url, app.url2, all);
        }
    }

    /** The chapter's checks; for an exercise, the exercise's first, then the chapter's. */
    static int runChecks(Chapter chapter, Integer exercise, String url, String url2, boolean all) {
        if (exercise == null) {
            return runChecks(chapter, "Chapter " + chapter.number + " · " + chapter.title, Checks.of(chapter), url, url2,
                    all);
        }
        Exercise chosen = Exercises.of(chapter, exercise);
        List<Check> checks = new ArrayList<>(chosen.checks);
        checks.addAll(Checks.of(chapter));
        return runChecks(chapter, "Chapter " + chapter.number + " · exercise " + chosen.number + " · " + chosen.title,
                checks, url, url2, all);
    }

    static int runChecks(Chapter chapter, String title, List<Check> checks, String url, String url2, boolean all) {
        if (url2 == null && checks.stream().anyMatch(Check::twoInstances)) {
            // A cluster's checks need two instances; one keeps the contract of the chapter before.
            Chapter earlier = chapter.previous();
            System.out.println("Chapter " + chapter.number + "'s checks need two instances (--url2); with one, "
                    + "chapter " + earlier.number + "'s, which it must keep passing, are these.");
            return runChecks(earlier, null, url, null, all);
        }
        Hub hub = new Hub(url, chapter);
        Hub other = (url2 != null) ? new Hub(url2, chapter) : hub;
        List<String> lines = new ArrayList<>();
        int passed = 0;
        String hint = null;
        for (Check check : checks) {
            if (hint != null && !all) {
                lines.add("  · " + check.name);
                continue;
            }
            try {
                check.body.run(hub, other);
                passed++;
                lines.add("  ✔ " + check.name);
            }
            catch (Failure | RuntimeException ex) {
                String why = (ex instanceof Failure) ? ex.getMessage() : ex.toString();
                lines.add("  ✘ " + check.name + " (" + why + ")");
                if (hint == null) {
                    hint = check.hint;
                    lines.add("      Hint: " + check.hint);
                }
            }
            finally {
                hub.closeAll();
                other.closeAll();
            }
        }
        String progress = passed + " of " + checks.size() + " work";
        System.out.println(title + " ".repeat(Math.max(2, 72 - title.length() - progress.length())) + progress);
        lines.forEach(System.out::println);
        return (passed == checks.size()) ? 0 : 1;
    }

    static int list() {
        for (Chapter chapter : Chapter.values()) {
            System.out.println("Chapter " + chapter.number + " · " + chapter.title);
            Checks.of(chapter).forEach((check) -> System.out.println("  · " + check.name));
            for (Exercise exercise : Exercises.of(chapter)) {
                System.out.println("  Exercise " + exercise.number + " · " + exercise.title + "   (check --exercise "
                        + exercise.number + ")");
                exercise.checks.forEach((check) -> System.out.println("    · " + check.name));
            }
        }
        return 0;
    }

    /** One behaviour of a lesson, as a user of the app sees it. */
    record Check(String name, String hint, Body body, boolean twoInstances) {

        /** A check of one instance. */
        Check(String name, String hint, OneInstance body) {
            this(name, hint, (hub, other) -> body.run(hub), false);
        }

        /** A check of two instances of one cluster. */
        Check(String name, String hint, Body body) {
            this(name, hint, body, true);
        }

        /** A check of two instances of one cluster; for a single instance, both are the same. */
        interface Body {

            void run(Hub hub, Hub other) throws Failure;

        }

        interface OneInstance {

            void run(Hub hub) throws Failure;

        }

    }

    /** A check that did not hold, and what was seen instead. */
    static final class Failure extends Exception {

        Failure(String message) {
            super(message);
        }

    }

    static Failure fail(String message) {
        return new Failure(message);
    }

    // ---------------------------------------------------------------- the lessons

    /** Each chapter's checks, in the order of its guide. */
    static final class Checks {

        static List<Check> of(Chapter chapter) {
            return switch (chapter) {
                case C01 -> basics();
                case C02 -> serverHubs();
                case C03 -> hubContext();
                case C04 -> authorization();
                case C05 -> cluster(false);
                case C06 -> production();
                case C07 -> brokerRelay();
            };
        }

        static List<Check> basics() {
            return List.of(new Check("the page is served at /",
                    "Spring Boot serves src/main/resources/static/index.html at /.", (hub) -> {
                        Response page = hub.get("/");
                        if (page.status != 200 || !page.body.toLowerCase(Locale.ROOT).contains("<html")) {
                            throw fail("GET / answered " + page.status + ", expected 200 and an HTML page");
                        }
                    }), new Check("the STOMP library is served from its WebJar, so the page works offline",
                            "Add the org.webjars.npm:stomp__stompjs and org.webjars:webjars-locator-lite dependencies.",
                            (hub) -> {
                                Response script = hub.get("/webjars/stomp__stompjs/esm6/index.js");
                                if (script.status != 200) {
                                    throw fail("GET /webjars/stomp__stompjs/esm6/index.js answered " + script.status
                                            + ", expected 200");
                                }
                            }),
                    new Check("a STOMP client connects to ws://…/messages",
                            "A WebSocketMessageBrokerConfigurer with @EnableWebSocketMessageBroker that registers the STOMP endpoint /messages.",
                            (hub) -> hub.connect()),
                    new Check("SUBSCRIBE /app/connectionId answers with the connection's id",
                            "A @SubscribeMapping(\"/connectionId\") method that returns the session id; /app is the application prefix.",
                            (hub) -> {
                                Client client = hub.connect();
                                if (client.connectionId() == null) {
                                    throw fail("the answer has no connectionId");
                                }
                            }),
                    new Check("a message to /app/sendMessageToAll reaches every connection, the sender's included",
                            "A @MessageMapping(\"/sendMessageToAll\") method with @SendTo(\"/topic/messages\"), and a simple broker for /topic.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String aliceMessages = alice.subscribe("/topic/messages");
                                String bobMessages = bob.subscribe("/topic/messages");
                                String text = "hello " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                for (Client client : List.of(alice, bob)) {
                                    Map<String, Object> message = client.next(client == alice ? aliceMessages : bobMessages);
                                    if (!text.equals(message.get("text")) || !"all".equals(message.get("target"))) {
                                        throw fail("received " + message + ", expected text \"" + text + "\" and target \"all\"");
                                    }
                                    if (hub.chapter.compareTo(Chapter.C04) < 0 && !alice.connectionId().equals(message.get("from"))) {
                                        throw fail("\"from\" is " + message.get("from") + ", expected the sender's connection id");
                                    }
                                }
                            }),
                    new Check("a blank text is refused with invalid-message, to the sender only",
                            "Validate the request (@Valid, @NotBlank) and turn the failure into a HubError on /user/queue/errors with @MessageExceptionHandler.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String bobMessages = bob.subscribe("/topic/messages");
                                alice.send("/app/sendMessageToAll", Json.object("text", "   "));
                                expectError(alice.next(errors), "invalid-message");
                                String text = "after " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                Object next = bob.next(bobMessages).get("text");
                                if (!text.equals(next)) {
                                    throw fail("bob received \"" + next + "\" first: the blank text was broadcast");
                                }
                            }),
                    new Check("a body that is not JSON is refused with invalid-json, and the connection keeps working",
                            "Handle the conversion failure too (MessageConversionException) in your @MessageExceptionHandler.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = alice.subscribe("/topic/messages");
                                alice.send("/app/sendMessageToAll", "this is not JSON");
                                expectError(alice.next(errors), "invalid-json");
                                String text = "still here " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                if (!text.equals(alice.next(messages).get("text"))) {
                                    throw fail("the connection stopped working after the bad frame");
                                }
                            }),
                    new Check("a handshake from a page of another site is refused",
                            "Spring allows only the app's own origin unless told otherwise: do not call setAllowedOrigins(\"*\").",
                            (hub) -> {
                                int status = hub.handshakeStatus("http://evil.example");
                                if (status != 403) {
                                    throw fail("the handshake with Origin http://evil.example answered " + status
                                            + ", expected 403");
                                }
                            }));
        }

        static List<Check> serverHubs() {
            return List.of(sameAsBefore(),
                    new Check("every client hears when a connection opens and when it ends",
                            "@EventListener methods for SessionConnectEvent and SessionDisconnectEvent that announce a ConnectionEvent on /topic/connections.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String events = alice.subscribe("/topic/connections");
                                Client bob = hub.connect();
                                String id = bob.connectionId();
                                expectEvent(alice.next(events, (event) -> id.equals(event.get("connectionId"))), "connected");
                                bob.close();
                                expectEvent(alice.next(events, (event) -> id.equals(event.get("connectionId"))),
                                        "disconnected");
                            }),
                    new Check("sendMessageToCaller reaches the caller only, on /user/queue/messages, and answers how many it reached",
                            "HubClients.connection(connectionId, ...) sends to the caller's /user/queue/messages; @SendToUser(destinations = \"/queue/replies\", broadcast = false) answers it with a Sent.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String aliceQueue = alice.subscribe("/user/queue/messages");
                                String replies = alice.subscribe("/user/queue/replies");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                String text = "to me " + UUID.randomUUID();
                                alice.send("/app/sendMessageToCaller", Json.object("text", text));
                                expectMessage(alice.next(aliceQueue), text, "caller");
                                expectReply(alice.next(replies), 1);
                                String check = "to bob " + UUID.randomUUID();
                                bob.send("/app/sendMessageToCaller", Json.object("text", check));
                                expectMessage(bob.next(bobQueue), check, "caller");
                            }),
                    new Check("sendMessageToOthers reaches every connection but the caller",
                            "HubClients.connections(...) with every id in ConnectionRegistry but the caller's; the registry is kept by SessionConnectEvent and SessionDisconnectEvent listeners.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String aliceQueue = alice.subscribe("/user/queue/messages");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                String text = "to the others " + UUID.randomUUID();
                                alice.send("/app/sendMessageToOthers", Json.object("text", text));
                                expectMessage(bob.next(bobQueue), text, "others");
                                expectNothingBefore(alice, aliceQueue, (message) -> true,
                                        "the caller received \"%s\": a message to the others reached it");
                            }),
                    new Check("sendMessageToConnection reaches that connection; an unknown id is the error unknown-connection",
                            "convertAndSendToUser with the connection id as the user and as the session id header names one connection.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                String text = "to you " + UUID.randomUUID();
                                alice.send("/app/sendMessageToConnection",
                                        Json.object("connectionId", bob.connectionId(), "text", text));
                                expectMessage(bob.next(bobQueue), text, "connection");
                                alice.send("/app/sendMessageToConnection",
                                        Json.object("connectionId", "no-such-connection", "text", "hello"));
                                expectError(alice.next(errors), "unknown-connection");
                            }),
                    new Check("a group's messages reach its members only; joining answers the caller's groups",
                            "joinGroup adds the connection to the group and answers on /user/queue/groups; sendMessageToGroup sends to the members.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String group = "tea-" + UUID.randomUUID().toString().substring(0, 8);
                                String groups = alice.subscribe("/user/queue/groups");
                                String aliceQueue = alice.subscribe("/user/queue/messages");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                alice.send("/app/joinGroup", Json.object("group", group));
                                Object joined = alice.next(groups).get("groups");
                                if (!List.of(group).equals(joined)) {
                                    throw fail("after joining, the groups were " + joined + ", expected [" + group + "]");
                                }
                                String text = "for the group " + UUID.randomUUID();
                                bob.send("/app/sendMessageToGroup", Json.object("group", group, "text", text));
                                expectMessage(alice.next(aliceQueue), text, "group");
                                expectNothingBefore(bob, bobQueue, (message) -> true,
                                        "bob, who is not in the group, received \"%s\"");
                            }),
                    new Check("a client cannot go around the hub: a SEND straight to /topic/messages is refused",
                            "A ChannelInterceptor on the client inbound channel that drops a SEND outside /app/** and answers forbidden-destination.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = alice.subscribe("/topic/messages");
                                alice.send("/topic/messages", Json.object("from", "someone else", "text", "forged", "target",
                                        "all"));
                                expectError(alice.next(errors), "forbidden-destination");
                                String text = "real " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                if (!text.equals(alice.next(messages).get("text"))) {
                                    throw fail("the forged message was delivered");
                                }
                            }));
        }

        static List<Check> hubContext() {
            return List.of(sameAsBefore(),
                    new Check("the announcement form at /announcement sends its text to every connection",
                            "A @Controller: @GetMapping(\"/announcement\") shows the form; @PostMapping sends through HubClients and redirects (303) back to it.",
                            (hub) -> {
                                Response form = hub.get("/announcement");
                                if (form.status != 200 || !form.body.toLowerCase(Locale.ROOT).contains("<form")) {
                                    throw fail("GET /announcement answered " + form.status + ", expected 200 and a form");
                                }
                                Client alice = hub.connect();
                                String messages = alice.subscribe("/topic/messages");
                                String text = "from the form " + UUID.randomUUID();
                                Response sent = hub.postForm("/announcement",
                                        "text=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
                                if (sent.status != 303) {
                                    throw fail("POST /announcement answered " + sent.status
                                            + ", expected 303, a redirect back to the form");
                                }
                                expectMessage(alice.next(messages), text, "announcement");
                            }),
                    new Check("POST /api/announcements is answered 202 and every connection receives the announcement",
                            "A @RestController that sends through SimpMessagingTemplate (or the hub's HubClients) to /topic/messages, outside any hub method.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String messages = alice.subscribe("/topic/messages");
                                String text = "announcing " + UUID.randomUUID();
                                Response response = hub.postJson("/api/announcements", Json.object("text", text), hub.adminToken());
                                if (response.status != 202) {
                                    throw fail("POST /api/announcements answered " + response.status + ", expected 202");
                                }
                                Map<String, Object> message = alice.next(messages);
                                expectMessage(message, text, "announcement");
                            }),
                    new Check("a blank announcement is refused with 400 and a problem that names the field",
                            "Validate the request body (@Valid) and let Spring answer with a ProblemDetail.", (hub) -> {
                                Response response = hub.postJson("/api/announcements", Json.object("text", " "),
                                        hub.adminToken());
                                if (response.status != 400 || !response.body.contains("text")) {
                                    throw fail("POST /api/announcements with a blank text answered " + response.status
                                            + " " + response.body);
                                }
                            }),
                    new Check("SUBSCRIBE /app/stats answers the hub's statistics at once",
                            "A @SubscribeMapping(\"/stats\") that returns the latest HubStats (connections, messagesPerMinute); DestinationGuard must let clients subscribe to /app/stats and /topic/stats.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Map<String, Object> stats = alice.subscribeOnce("/app/stats");
                                if (!(stats.get("connections") instanceof Number connections) || connections.intValue() < 1
                                        || !(stats.get("messagesPerMinute") instanceof Number)) {
                                    throw fail("the answer was " + stats
                                            + ", expected connections of at least 1 and messagesPerMinute");
                                }
                            }),
                    new Check("the statistics are published on /topic/stats when they change",
                            "A background service (@Scheduled or a SchedulingConfigurer) that publishes HubStats when a number changed.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String stats = alice.subscribe("/topic/stats");
                                hub.connect();
                                alice.next(stats, Duration.ofSeconds(15));
                            }));
        }

        static List<Check> authorization() {
            return List.of(new Check("POST /token gives alice a signed token; a wrong password gets 401 and no token",
                    "A @PostMapping(\"/token\") that authenticates with the AuthenticationManager and signs a JWT with a JwtEncoder.",
                    (hub) -> {
                        hub.token("alice", "wonderland");
                        Response wrong = hub.postForm("/token", "username=alice&password=wrong");
                        if (wrong.status != 401 || wrong.body.contains("access_token")) {
                            throw fail("a wrong password answered " + wrong.status + " " + wrong.body);
                        }
                    }), new Check("the hub's handshake refuses a connection without a token",
                            "Spring Security's resource server protects every request but the page, its files and POST /token.",
                            (hub) -> {
                                int status = hub.handshakeStatus(null);
                                if (status != 401) {
                                    throw fail("the handshake without a token answered " + status + ", expected 401");
                                }
                            }),
                    new Check("the handshake takes the token from ?access_token=, and the connection is alice's",
                            "A BearerTokenResolver that also reads access_token from the query string, for the handshake only; the @SubscribeMapping answer names the user.",
                            (hub) -> {
                                Client alice = hub.connect("alice", "wonderland");
                                Object user = alice.welcome().get("user");
                                if (!"alice".equals(user)) {
                                    throw fail("the connection's user is " + user + ", expected alice");
                                }
                            }),
                    new Check("a message is from the user who sent it, whatever the client claims",
                            "Take the sender's name from the Principal, not from the request.", (hub) -> {
                                Client alice = hub.connect("alice", "wonderland");
                                Client bob = hub.connect("bob", "builder");
                                String bobMessages = bob.subscribe("/topic/messages");
                                String text = "signed " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text, "from", "admin"));
                                Map<String, Object> message = bob.next(bobMessages);
                                if (!"alice".equals(message.get("from"))) {
                                    throw fail("the message is from " + message.get("from") + ", expected alice");
                                }
                            }),
                    new Check("sendMessageToUser reaches every connection of that user",
                            "Find the user's connections in the ConnectionRegistry and send to each through HubClients; unknown users are the error unknown-user.",
                            (hub) -> {
                                Client alice = hub.connect("alice", "wonderland");
                                Client bob1 = hub.connect("bob", "builder");
                                Client bob2 = hub.connect("bob", "builder");
                                String queue1 = bob1.subscribe("/user/queue/messages");
                                String queue2 = bob2.subscribe("/user/queue/messages");
                                String text = "for bob " + UUID.randomUUID();
                                alice.send("/app/sendMessageToUser", Json.object("user", "bob", "text", text));
                                expectMessage(bob1.next(queue1), text, "user");
                                expectMessage(bob2.next(queue2), text, "user");
                            }),
                    new Check("sendAnnouncement is refused to alice with forbidden, and the connection stays open",
                            "@PreAuthorize(\"hasRole('ADMIN')\") on the hub method, with method security and the user's security context on each message.",
                            (hub) -> {
                                Client alice = hub.connect("alice", "wonderland");
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = alice.subscribe("/topic/messages");
                                alice.send("/app/sendAnnouncement", Json.object("text", "not allowed"));
                                expectError(alice.next(errors), "forbidden");
                                String text = "still here " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                if (!text.equals(alice.next(messages).get("text"))) {
                                    throw fail("the connection stopped working after the refusal");
                                }
                            }),
                    new Check("the admin's sendAnnouncement reaches everyone",
                            "The roles claim of the token becomes the user's authorities (ROLE_ADMIN).", (hub) -> {
                                Client admin = hub.connect("admin", "letmein");
                                Client alice = hub.connect("alice", "wonderland");
                                String messages = alice.subscribe("/topic/messages");
                                String text = "from the admin " + UUID.randomUUID();
                                admin.send("/app/sendAnnouncement", Json.object("text", text));
                                expectMessage(alice.next(messages), text, "announcement");
                            }));
        }

        /**
         * Chapter 05's lesson, and chapter 07's: the same behaviour across two instances,
         * first through a Redis backplane, then through a message broker.
         */
        static List<Check> cluster(boolean broker) {
            return List.of(sameAsBefore(), new Check("a message to everyone on one instance reaches the other instance's connections",
                            broker ? "WebSocketConfig relays /topic to the broker (enableStompBrokerRelay): the broker hands /topic/messages to the subscribers of every instance."
                                    : "HubClients.all sends locally and publishes a backplane message; each instance hands what the others publish to its own connections.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                Client bob = two.connect("bob", "builder");
                                String bobMessages = bob.subscribe("/topic/messages");
                                String text = "across " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                expectMessage(bob.next(bobMessages), text, "all");
                            }),
                    new Check("an announcement posted to one instance reaches the other instance's pages",
                            broker ? "The announcement controllers use HubClients.all, which now goes through the broker: nothing to add."
                                    : "The announcement controllers use HubClients.all, which publishes on the backplane: nothing to add.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                String messages = alice.subscribe("/topic/messages");
                                String text = "announced over there " + UUID.randomUUID();
                                Response response = two.postJson("/api/announcements", Json.object("text", text),
                                        two.adminToken());
                                if (response.status != 202) {
                                    throw fail("POST /api/announcements answered " + response.status + ", expected 202");
                                }
                                expectMessage(alice.next(messages), text, "announcement");
                            }),
                    new Check("a connection on one instance is listed on the other",
                    broker ? "Each instance publishes its connections on the broker's membership topic and lists the others' (MembershipChannel, ClusterMembers)."
                                    : "Each instance publishes its connections on the Redis backplane and lists the others' (ConnectionRegistry, ClusterMembers).",
                    (Check.Body) (one, two) -> {
                        Client alice = one.connect("alice", "wonderland");
                        String events = alice.subscribe("/topic/connections");
                        Client bob = two.connect("bob", "builder");
                        String id = bob.connectionId();
                        expectEvent(alice.next(events, (event) -> id.equals(event.get("connectionId"))), "connected");
                        awaitListed(alice, id);
                    }),
                    new Check("a message to one connection reaches it on the other instance",
                            broker ? "Each connection's /user/queue/messages is a topic of its own on the broker (ConnectionTopics): HubClients sends there, wherever the connection is."
                                    : "HubClients sends to the connections of this instance itself and publishes the others' ids in one backplane message.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                Client bob = two.connect("bob", "builder");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                awaitListed(alice, bob.connectionId());
                                String text = "to you over there " + UUID.randomUUID();
                                alice.send("/app/sendMessageToConnection",
                                        Json.object("connectionId", bob.connectionId(), "text", text));
                                expectMessage(bob.next(bobQueue), text, "connection");
                            }),
                    new Check("a message to a user reaches their connections on both instances",
                            broker ? "The registry knows every instance's connections with their users: sendMessageToUser sends to each one's topic."
                                    : "The registry knows every instance's connections with their users: sendMessageToUser sends to all of them.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                Client bobHere = one.connect("bob", "builder");
                                Client bobThere = two.connect("bob", "builder");
                                String here = bobHere.subscribe("/user/queue/messages");
                                String there = bobThere.subscribe("/user/queue/messages");
                                awaitListed(alice, bobThere.connectionId());
                                String text = "for every bob " + UUID.randomUUID();
                                alice.send("/app/sendMessageToUser", Json.object("user", "bob", "text", text));
                                expectMessage(bobHere.next(here), text, "user");
                                expectMessage(bobThere.next(there), text, "user");
                            }),
                    new Check("a group spans the instances",
                            broker ? "Group memberships travel on the membership channel, so that every instance knows every group's members."
                                    : "Group memberships travel on the backplane too, so that every instance knows every group's members.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                Client bob = two.connect("bob", "builder");
                                String group = "tea-" + UUID.randomUUID().toString().substring(0, 8);
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                String groups = bob.subscribe("/user/queue/groups");
                                bob.send("/app/joinGroup", Json.object("group", group));
                                bob.next(groups);
                                String replies = alice.subscribe("/user/queue/replies");
                                String text = "for the group " + UUID.randomUUID();
                                // The membership reaches alice's instance a moment later.
                                long deadline = System.nanoTime() + WAIT.toNanos();
                                while (true) {
                                    alice.send("/app/sendMessageToGroup", Json.object("group", group, "text", text));
                                    if (alice.next(replies).get("connections") instanceof Number reached
                                            && reached.intValue() == 1) {
                                        break;
                                    }
                                    if (System.nanoTime() > deadline) {
                                        throw fail("alice's instance never counted bob, on the other instance, in group "
                                                + group);
                                    }
                                    pause();
                                }
                                expectMessage(bob.next(bobQueue), text, "group");
                            }),
                    new Check("a connection that leaves one instance leaves the other's list",
                            broker ? "The instance that held the connection publishes its disconnection on the membership channel; the others announce it to their pages."
                                    : "The instance that held the connection publishes its disconnection; the others announce it to their pages.",
                            (Check.Body) (one, two) -> {
                                Client alice = one.connect("alice", "wonderland");
                                String events = alice.subscribe("/topic/connections");
                                Client bob = two.connect("bob", "builder");
                                String id = bob.connectionId();
                                expectEvent(alice.next(events, (event) -> id.equals(event.get("connectionId"))),
                                        "connected");
                                bob.close();
                                expectEvent(alice.next(events, (event) -> id.equals(event.get("connectionId"))),
                                        "disconnected");
                            }));
        }

        /** Chapter 07's lesson: chapter 05's behaviour through a broker, which health shows. */
        static List<Check> brokerRelay() {
            List<Check> checks = new ArrayList<>(cluster(true));
            checks.add(new Check("an admin's health view shows the broker",
                    "BrokerHealthIndicator says whether the relay's system connection to the broker is up; health shows it as broker.",
                    (hub) -> {
                        Response health = hub.get("/actuator/health", hub.adminToken());
                        Object components = (health.status == 200) ? Json.parseObject(health.body).get("components")
                                : null;
                        if (!(components instanceof Map<?, ?> all) || !(all.get("broker") instanceof Map<?, ?> broker)
                                || !"UP".equals(broker.get("status"))) {
                            throw fail("GET /actuator/health answered the admin " + health.status + " "
                                    + health.body.substring(0, Math.min(200, health.body.length()))
                                    + ", expected a component broker that is UP");
                        }
                    }));
            return checks;
        }

        /** Chapter 06's lesson: what a deployment adds, each measure as a client meets it. */
        static List<Check> production() {
            return List.of(sameAsBefore(), new Check("the server offers heartbeats, to find connections that went silent",
                    "WebSocketConfig gives the simple broker heartbeats (setHeartbeatValue) and a TaskScheduler to send them.",
                    (hub) -> {
                        Client alice = hub.connect("alice", "wonderland", "10000,10000");
                        if (alice.heartBeat().replace(" ", "").matches("0,.*|.*,0")) {
                            throw fail("CONNECTED says heart-beat:" + alice.heartBeat()
                                    + ": the server neither sends nor expects heartbeats");
                        }
                    }), new Check("a connection may hold at most 32 subscriptions",
                            "SubscriptionLimit, a ChannelInterceptor of the inbound channel, counts each connection's subscriptions and refuses more (too-many-subscriptions).",
                            (hub) -> {
                                Client alice = hub.connect();
                                for (int i = 0; i < 40; i++) {
                                    alice.subscribeFrame("/topic/messages");
                                }
                                expectError(alice.next(alice.subscribe("/user/queue/errors")), "too-many-subscriptions");
                            }),
                    new Check("one user's connections to one instance are capped",
                            "ConnectionLimit, a WebSocket handler decorator, counts each user's connections and refuses one too many with a STOMP ERROR frame (too-many-connections).",
                            (hub) -> {
                                for (int opened = 0; opened < 100; opened++) {
                                    try {
                                        hub.connect("bob", "builder");
                                    }
                                    catch (Failure ex) {
                                        if (!ex.getMessage().contains("\"too-many-connections\"")) {
                                            throw ex;
                                        }
                                        hub.connect("alice", "wonderland"); // Other users still connect.
                                        return;
                                    }
                                }
                                throw fail("bob opened 100 connections to one instance, and none was refused");
                            }),
                    new Check("the names of one connection's groups are capped in length, together",
                            "GroupNameLimit adds up the characters of a connection's group names and refuses a join past hub.limits.group-name-characters (group-names-too-long).",
                            (hub) -> {
                                Client alice = hub.connect();
                                String groups = alice.subscribe("/user/queue/groups");
                                String prefix = UUID.randomUUID().toString().replace("-", "");
                                for (int i = 0; i < 100; i++) {
                                    alice.send("/app/joinGroup", Json.object("group", prefix + "%032d".formatted(i)));
                                    try {
                                        alice.next(groups);
                                    }
                                    catch (Failure ex) {
                                        if (ex.getMessage().contains("\"group-names-too-long\"")) {
                                            return;
                                        }
                                        throw ex;
                                    }
                                }
                                throw fail("alice joined 100 groups with names of 64 characters, and none was refused");
                            }),
                    new Check("the server closes the connection after DISCONNECT",
                            "CloseAfterDisconnect closes the WebSocket once the hub has answered a DISCONNECT: a client that never closes cannot keep it open.",
                            (hub) -> {
                                Client alice = hub.connect();
                                alice.sendFrame("DISCONNECT\nreceipt:bye\n\n");
                                alice.await((frame) -> frame.command.equals("RECEIPT"), WAIT, "RECEIPT frame");
                                alice.awaitClosed();
                            }),
                    new Check("the page comes with a Content-Security-Policy",
                            "ContentSecurityPolicy adds the header to every response: scripts from the app itself only.",
                            (hub) -> {
                                Optional<String> policy = hub.get("/").headers.firstValue("Content-Security-Policy");
                                if (policy.isEmpty() || !policy.get().contains("default-src 'self'")) {
                                    throw fail("GET / has Content-Security-Policy: " + policy.orElse("(none)")
                                            + ", expected one with default-src 'self'");
                                }
                            }),
                    new Check("a one-use ticket opens the hub, once",
                            "POST /token/ticket (ConnectionTickets) gives a ticket for the caller's token; TicketHandshake lets ?ticket= stand for that token, once.",
                            (hub) -> {
                                Response issued = hub.postForm("/token/ticket", "", hub.token("alice", "wonderland"));
                                Object ticket = (issued.status == 200) ? Json.parseObject(issued.body).get("ticket") : null;
                                if (!(ticket instanceof String value)) {
                                    throw fail("POST /token/ticket answered " + issued.status + " " + issued.body);
                                }
                                Client alice = hub.connectWithTicket(value);
                                if (!"alice".equals(alice.welcome().get("user"))) {
                                    throw fail("the ticket's connection is " + alice.welcome() + ", expected alice's");
                                }
                                int again = hub.handshakeStatus(null, "?ticket=" + Hub.encode(value));
                                if (again != 401) {
                                    throw fail("the same ticket opened the hub a second time (" + again + "), expected 401");
                                }
                            }),
                    new Check("a token refresh gives a new token without the password",
                            "POST /token/refresh (TokenController) answers a valid token with a new one, until hub.token.max-session after the login.",
                            (hub) -> {
                                Response refreshed = hub.postForm("/token/refresh", "", hub.token("alice", "wonderland"));
                                Object token = (refreshed.status == 200)
                                        ? Json.parseObject(refreshed.body).get("access_token") : null;
                                if (!(token instanceof String)) {
                                    throw fail("POST /token/refresh answered " + refreshed.status + " " + refreshed.body);
                                }
                            }),
                    new Check("guessing passwords is slowed down: 429 after repeated failures",
                            "LoginRateLimiter counts failed logins per user and address; past hub.token.login-failures, POST /token answers 429 with Retry-After.",
                            (hub) -> {
                                String user = "guesser-" + UUID.randomUUID().toString().substring(0, 8);
                                for (int attempt = 1; attempt <= 100; attempt++) {
                                    Response response = hub.postForm("/token", "username=" + user + "&password=wrong");
                                    if (response.status == 429) {
                                        if (response.headers.firstValue("Retry-After").isEmpty()) {
                                            throw fail("429 without a Retry-After header");
                                        }
                                        return;
                                    }
                                    if (response.status != 401) {
                                        throw fail("a wrong password answered " + response.status + ", expected 401 or 429");
                                    }
                                }
                                throw fail("100 wrong passwords for one user were all answered 401");
                            }),
                    new Check("the health probes answer without a token",
                            "Spring Boot Actuator, with management.endpoint.health.probes.enabled; ActuatorAccess lets /actuator/health through.",
                            (hub) -> {
                                for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                                    Response response = hub.get(probe);
                                    if (response.status != 200 || !response.body.contains("\"UP\"")) {
                                        throw fail("GET " + probe + " answered " + response.status + " " + response.body
                                                + ", expected 200 and UP");
                                    }
                                }
                            }),
                    new Check("the hub's metrics are for admins",
                            "HubMetrics registers the hub.* meters; ActuatorAccess asks for an ADMIN's token for everything but health.",
                            (hub) -> {
                                int anonymous = hub.get("/actuator/prometheus").status;
                                int alice = hub.get("/actuator/prometheus", hub.token("alice", "wonderland")).status;
                                Response admin = hub.get("/actuator/prometheus", hub.adminToken());
                                if (anonymous != 401 || alice != 403) {
                                    throw fail("GET /actuator/prometheus answered " + anonymous + " without a token and "
                                            + alice + " to alice, expected 401 and 403");
                                }
                                if (admin.status != 200 || !admin.body.contains("hub_connections")) {
                                    throw fail("GET /actuator/prometheus answered the admin " + admin.status
                                            + (admin.status == 200 ? " without hub_connections" : ""));
                                }
                            }));
        }

        /** Waits until the client's instance lists the connection (SUBSCRIBE /app/connections). */
        static void awaitListed(Client client, String connectionId) throws Failure {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!client.request("/app/connections").contains("\"" + connectionId + "\"")) {
                if (System.nanoTime() > deadline) {
                    throw fail("connection " + connectionId + " is not listed on the other instance after "
                            + WAIT.toSeconds() + " s");
                }
                pause();
            }
        }

        /** Between two looks at something that changes in the background. */
        static void pause() throws Failure {
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw fail("interrupted");
            }
        }

        /** The first check of a chapter after 01: what the chapter before it did still works. */
        static Check sameAsBefore() {
            return new Check("the page and a message to everyone still work as before",
                    "Run the previous chapter's checks: java course-checks/Learn.java check --chapter <previous>.",
                    (hub) -> {
                        if (hub.get("/").status != 200) {
                            throw fail("GET / no longer answers 200");
                        }
                        Client alice = hub.connect();
                        String messages = alice.subscribe("/topic/messages");
                        String text = "hello " + UUID.randomUUID();
                        alice.send("/app/sendMessageToAll", Json.object("text", text));
                        expectMessage(alice.next(messages), text, "all");
                    });
        }

        /**
         * Nothing (that matches) reached the client's queue so far: it sends itself a message
         * and must receive that first, as the hub keeps a connection's messages in order.
         * What it received instead fills the {@code %s} of the failure.
         */
        static void expectNothingBefore(Client client, String queue, Predicate<Map<String, Object>> matching,
                String receivedInstead) throws Failure {
            String mine = "to me " + UUID.randomUUID();
            client.send("/app/sendMessageToCaller", Json.object("text", mine));
            Object first = client.next(queue, matching).get("text");
            if (!mine.equals(first)) {
                throw fail(receivedInstead.formatted(first));
            }
        }

        static void expectError(Map<String, Object> error, String code) throws Failure {
            if (!code.equals(error.get("error"))) {
                throw fail("the error was " + error + ", expected \"" + code + "\"");
            }
        }

        static void expectMessage(Map<String, Object> message, String text, String target) throws Failure {
            if (!text.equals(message.get("text")) || !target.equals(message.get("target"))) {
                throw fail("received " + message + ", expected text \"" + text + "\" and target \"" + target + "\"");
            }
        }

        static void expectReply(Map<String, Object> reply, int connections) throws Failure {
            if (!(reply.get("connections") instanceof Number number) || number.intValue() != connections) {
                throw fail("the answer was " + reply + ", expected {\"connections\": " + connections + "}");
            }
        }

        static void expectEvent(Map<String, Object> event, String type) throws Failure {
            if (!type.equals(event.get("type"))) {
                throw fail("the event was " + event + ", expected type \"" + type + "\"");
            }
        }

    }

    // ---------------------------------------------------------------- the exercises

    /**
     * An exercise of a chapter's guide: what it asks for, as checks of the app from outside,
     * and where its reference solution is.
     */
    record Exercise(int number, String title, List<Check> checks) {

        Exercise(int number, String title, Check... checks) {
            this(number, title, List.of(checks));
        }

        /** The solution: a patch of the chapter's folder, {@code docs/solutions/<chapter>/<K>-<name>.patch}. */
        Path solution(Path root, Chapter chapter) throws IOException {
            Path folder = root.resolve("docs/solutions/" + chapter.module);
            try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
                return files.filter((file) -> file.getFileName().toString().startsWith(this.number + "-"))
                    .filter((file) -> file.toString().endsWith(".patch"))
                    .findFirst()
                    .orElseThrow(() -> usage("exercise " + this.number + " of chapter " + chapter.number
                            + " has no solution in " + root.relativize(folder)));
            }
        }

    }

    /** Each chapter's exercises that a check can tell done from not done, in the order of its guide. */
    static final class Exercises {

        static List<Exercise> of(Chapter chapter) {
            return switch (chapter) {
                case C01 -> basics();
                case C02 -> serverHubs();
                case C03 -> hubContext();
                case C04 -> authorization();
                default -> List.of();
            };
        }

        static Exercise of(Chapter chapter, int number) {
            return of(chapter).stream()
                .filter((exercise) -> exercise.number == number)
                .findFirst()
                .orElseThrow(() -> usage("chapter " + chapter.number + " has no exercise " + number + " with a check"
                        + " (java course-checks/Learn.java list shows them)"));
        }

        static List<Exercise> basics() {
            return List.of(new Exercise(1, "Typing indicator", new Check(
                    "a call of /app/typing tells every client on /topic/typing who is typing",
                    "A @MessageMapping(\"/typing\") method with @SendTo(\"/topic/typing\") that returns {\"from\": the caller's connection id}.",
                    (hub) -> {
                        Client alice = hub.connect();
                        Client bob = hub.connect();
                        String typing = bob.subscribe("/topic/typing");
                        alice.send("/app/typing", "{}");
                        Object from = bob.next(typing).get("from");
                        if (!alice.connectionId().equals(from)) {
                            throw fail("bob heard that " + from + " is typing, expected alice's connection id");
                        }
                    })),
                    new Exercise(2, "Message history", new Check(
                            "SUBSCRIBE /app/history answers the last 20 messages, oldest first",
                            "A @SubscribeMapping(\"/history\") that returns the messages the hub keeps: at most 20, in a collection that many threads may use at once.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String messages = alice.subscribe("/topic/messages");
                                List<String> sent = new ArrayList<>();
                                String run = UUID.randomUUID().toString().substring(0, 8);
                                for (int i = 1; i <= 25; i++) {
                                    String text = "message " + i + " of " + run;
                                    alice.send("/app/sendMessageToAll", Json.object("text", text));
                                    alice.next(messages);
                                    sent.add(text);
                                }
                                Client late = hub.connect();
                                Object history = Json.parse(late.request("/app/history"));
                                if (!(history instanceof List<?> list)) {
                                    throw fail("the answer was " + history + ", expected a JSON array of messages");
                                }
                                List<Object> texts = list.stream()
                                    .map((message) -> (message instanceof Map<?, ?> map) ? map.get("text") : message)
                                    .toList();
                                if (!texts.equals(sent.subList(5, 25))) {
                                    throw fail("after 25 messages the history held " + texts.size() + " (" + texts
                                            + "), expected the last 20, oldest first");
                                }
                            })),
                    new Exercise(3, "A stricter limit", new Check(
                            "a text of 500 characters arrives, even as JSON escapes; one of 501 is refused with invalid-message",
                            "MAX_TEXT_LENGTH in SendMessageRequest is the hub's limit; MAX_FRAME_BYTES must still fit 500 characters written as six-byte escapes such as \\u0001.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = alice.subscribe("/topic/messages");
                                alice.send("/app/sendMessageToAll", "{\"text\":\"" + "\\u0001".repeat(500) + "\"}");
                                Object text = alice.next(messages).get("text");
                                if (!"\u0001".repeat(500).equals(text)) {
                                    throw fail("the text of 500 escaped characters came back as " + text);
                                }
                                alice.send("/app/sendMessageToAll", Json.object("text", "x".repeat(501)));
                                Checks.expectError(alice.next(errors), "invalid-message");
                            }), new Check("a frame far over what 500 characters need (20,000 characters) ends the connection",
                                    "Lower MAX_FRAME_BYTES in WebSocketConfig: Spring's STOMP decoder refuses a larger frame before the hub sees it.",
                                    (hub) -> {
                                        Client alice = hub.connect();
                                        try {
                                            alice.send("/app/sendMessageToAll", Json.object("text", "x".repeat(20_000)));
                                        }
                                        catch (Failure ex) {
                                            // The hub may end the connection before the whole frame is out.
                                        }
                                        alice.awaitClosed();
                                    })),
                    new Exercise(4, "A name with the message", new Check(
                            "a message sent with a name carries it to every client; a name of over 30 characters is refused with invalid-message",
                            "A name in SendMessageRequest (@Size(max = 30), may be left out) and in HubMessage, passed on by the hub method.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = bob.subscribe("/topic/messages");
                                String text = "named " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text, "name", "Ada"));
                                Map<String, Object> message = bob.next(messages);
                                if (!"Ada".equals(message.get("name"))) {
                                    throw fail("bob received " + message + ", expected the name \"Ada\"");
                                }
                                alice.send("/app/sendMessageToAll", Json.object("text", "too long", "name", "x".repeat(31)));
                                Checks.expectError(alice.next(errors), "invalid-message");
                                String unnamed = "unnamed " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", unnamed));
                                Map<String, Object> next = bob.next(messages);
                                if (!unnamed.equals(next.get("text"))) {
                                    throw fail("bob received " + next + " next, expected the message without a name");
                                }
                                // Exactly as before: a client that reads the JSON strictly keeps working.
                                if (!next.keySet().equals(Set.of("from", "text", "target", "sentAt"))) {
                                    throw fail("a message without a name has the fields " + next.keySet()
                                            + ", expected from, text, target and sentAt, as before");
                                }
                            })));
        }


        static List<Exercise> serverHubs() {
            return List.of(new Exercise(1, "Group events", new Check(
                    "a group's members hear when a connection joins or leaves it; the joiner does not",
                    "In joinGroup and leaveGroup, send a HubMessage to the group's other members through HubClients.connections(...).",
                    (hub) -> {
                        Client alice = hub.connect();
                        Client bob = hub.connect();
                        String group = "tea-" + UUID.randomUUID().toString().substring(0, 8);
                        String aliceQueue = alice.subscribe("/user/queue/messages");
                        String aliceGroups = alice.subscribe("/user/queue/groups");
                        String bobQueue = bob.subscribe("/user/queue/messages");
                        String bobGroups = bob.subscribe("/user/queue/groups");
                        alice.send("/app/joinGroup", Json.object("group", group));
                        alice.next(aliceGroups);
                        bob.send("/app/joinGroup", Json.object("group", group));
                        bob.next(bobGroups);
                        expectGroupEvent(alice.next(aliceQueue), bob.connectionId() + " joined " + group, group);
                        Checks.expectNothingBefore(bob, bobQueue, (message) -> true,
                                "bob received \"%s\": the joiner heard of its own joining");
                        bob.send("/app/leaveGroup", Json.object("group", group));
                        bob.next(bobGroups);
                        expectGroupEvent(alice.next(aliceQueue), bob.connectionId() + " left " + group, group);
                    })),
                    new Exercise(2, "OthersInGroup", new Check(
                            "sendMessageToOthersInGroup reaches the group's members but the caller, and answers how many it reached",
                            "The group's members from the ConnectionRegistry without the caller, through HubClients.connections(...), with the target \"othersInGroup\"; answer a Sent on /user/queue/replies.",
                            (hub) -> {
                                Client alice = hub.connect();
                                Client bob = hub.connect();
                                Client carol = hub.connect();
                                String group = "tea-" + UUID.randomUUID().toString().substring(0, 8);
                                String aliceQueue = alice.subscribe("/user/queue/messages");
                                String replies = alice.subscribe("/user/queue/replies");
                                String aliceGroups = alice.subscribe("/user/queue/groups");
                                String bobQueue = bob.subscribe("/user/queue/messages");
                                String bobGroups = bob.subscribe("/user/queue/groups");
                                String carolQueue = carol.subscribe("/user/queue/messages");
                                alice.send("/app/joinGroup", Json.object("group", group));
                                alice.next(aliceGroups);
                                bob.send("/app/joinGroup", Json.object("group", group));
                                bob.next(bobGroups);
                                String text = "to the others in the group " + UUID.randomUUID();
                                alice.send("/app/sendMessageToOthersInGroup", Json.object("group", group, "text", text));
                                Map<String, Object> message = bob.next(bobQueue,
                                        (candidate) -> text.equals(candidate.get("text")));
                                Checks.expectMessage(message, text, "othersInGroup");
                                Checks.expectReply(alice.next(replies), 1);
                                // A group's notices (exercise 1, if done too) are not what this is about.
                                Predicate<Map<String, Object>> notANotice = (candidate) -> !"group"
                                    .equals(candidate.get("target"));
                                Checks.expectNothingBefore(alice, aliceQueue, notANotice, "the caller received \"%s\"");
                                Checks.expectNothingBefore(carol, carolQueue, notANotice,
                                        "carol, who is not in the group, received \"%s\"");
                            })));
        }

        static List<Exercise> hubContext() {
            return List.of(new Exercise(1, "Say more in the problem", new Check(
                    "a refused announcement's problem lists each field error under errors",
                    "ProblemDetail.setProperty(\"errors\", ...) in the @ExceptionHandler for MethodArgumentNotValidException: one {\"field\", \"message\"} per field error.",
                    (hub) -> {
                        Response refused = hub.postJson("/api/announcements", Json.object("text", "   "), hub.adminToken());
                        Object errors = (refused.status == 400) ? Json.objectOrRaw(refused.body).get("errors") : null;
                        if (!(errors instanceof List<?> list) || list.size() != 1
                                || !(list.get(0) instanceof Map<?, ?> error) || !"text".equals(error.get("field"))
                                || !(error.get("message") instanceof String message) || message.isBlank()) {
                            throw fail("a blank announcement answered " + refused.status + " " + refused.body
                                    + ", expected 400 with errors [{\"field\": \"text\", \"message\": ...}]");
                        }
                    })),
                    new Exercise(2, "Count the groups", new Check(
                            "the statistics on /topic/stats count the groups that have members",
                            "A groups number in HubStats, counted by the ConnectionRegistry, and compared by sameNumbersAs: the statistics are published only when a number changes.",
                            (hub) -> {
                                Client alice = hub.connect();
                                String stats = alice.subscribe("/topic/stats");
                                String groups = alice.subscribe("/user/queue/groups");
                                // Groups that others, such as an open page, are in already.
                                int before = groupCount(alice.subscribeOnce("/app/stats"));
                                if (before < 0) {
                                    throw fail("SUBSCRIBE /app/stats answered " + alice.subscribeOnce("/app/stats")
                                            + ", with no number groups");
                                }
                                List<String> names = List.of("count-" + UUID.randomUUID().toString().substring(0, 8),
                                        "count-" + UUID.randomUUID().toString().substring(0, 8));
                                for (String group : names) {
                                    alice.send("/app/joinGroup", Json.object("group", group));
                                    alice.next(groups);
                                }
                                Duration twoPublications = WAIT.plus(WAIT);
                                alice.next(stats, (numbers) -> groupCount(numbers) == before + 2, twoPublications);
                                for (String group : names) {
                                    alice.send("/app/leaveGroup", Json.object("group", group));
                                    alice.next(groups);
                                }
                                alice.next(stats, (numbers) -> groupCount(numbers) == before, twoPublications);
                            })));
        }

        private static int groupCount(Map<String, Object> stats) {
            return (stats.get("groups") instanceof Number number) ? number.intValue() : -1;
        }

        static List<Exercise> authorization() {
            return List.of(new Exercise(1, "A moderator", new Check(
                    "bob, a moderator, and the admin clear the chat for everyone; alice may not",
                    "Give bob the role MODERATOR, and guard /app/clearChat with @PreAuthorize(\"hasAnyRole('MODERATOR', 'ADMIN')\"); it sends everyone a HubMessage with the target \"clear\".",
                    (hub) -> {
                        Client alice = hub.connect("alice", "wonderland");
                        String errors = alice.subscribe("/user/queue/errors");
                        String messages = alice.subscribe("/topic/messages");
                        alice.send("/app/clearChat", "{}");
                        Checks.expectError(alice.next(errors), "forbidden");
                        for (String user : List.of("bob", "admin")) {
                            Client clearer = user.equals("bob") ? hub.connect("bob", "builder")
                                    : hub.connect("admin", "letmein");
                            clearer.send("/app/clearChat", "{}");
                            Map<String, Object> clear = alice.next(messages);
                            if (!"clear".equals(clear.get("target")) || !user.equals(clear.get("from"))) {
                                throw fail("alice received " + clear + ", expected the target \"clear\" from " + user);
                            }
                        }
                    })),
                    new Exercise(2, "Audience", new Check("the tokens of POST /token name this hub as their audience",
                            "An audience in TokenProperties (hub.token.audience=message-hub), written into the token as aud by TokenController.",
                            (hub) -> {
                                Object audience = Jwt.claims(hub.token("alice", "wonderland")).get("aud");
                                if (!"message-hub".equals(audience) && !List.of("message-hub").equals(audience)) {
                                    throw fail("the token's aud is " + audience + ", expected message-hub");
                                }
                            }),
                            new Check("a token signed with the hub's key, but for another audience, is refused at the handshake",
                                    "Require the audience in TokenConfig's decoder: a JwtAudienceValidator beside the validators it has.",
                                    (hub) -> {
                                        String mine = Jwt.sign("alice", "message-hub");
                                        if (hub.handshakeStatus(null, "?access_token=" + mine) != 101) {
                                            throw fail("a token for message-hub, signed with the chapter's development key, was refused");
                                        }
                                        int status = hub.handshakeStatus(null, "?access_token=" + Jwt.sign("alice", "another-app"));
                                        if (status != 401) {
                                            throw fail("the handshake with a token for another-app answered " + status
                                                    + ", expected 401");
                                        }
                                    })),
                    new Exercise(3, "Disconnect a user", new Check(
                            "the admin's disconnectUser ends every connection of that user; alice may not call it",
                            "An admin-only hub method that closes the user's WebSocketSessions (kept by a WebSocketHandlerDecorator), and answers a Sent.",
                            (hub) -> {
                                Client alice = hub.connect("alice", "wonderland");
                                Client bob1 = hub.connect("bob", "builder");
                                Client bob2 = hub.connect("bob", "builder");
                                Client admin = hub.connect("admin", "letmein");
                                String errors = alice.subscribe("/user/queue/errors");
                                String messages = alice.subscribe("/topic/messages");
                                String replies = admin.subscribe("/user/queue/replies");
                                alice.send("/app/disconnectUser", Json.object("user", "bob"));
                                Checks.expectError(alice.next(errors), "forbidden");
                                admin.send("/app/disconnectUser", Json.object("user", "bob"));
                                Checks.expectReply(admin.next(replies), 2);
                                bob1.awaitClosed();
                                bob2.awaitClosed();
                                String text = "still here " + UUID.randomUUID();
                                alice.send("/app/sendMessageToAll", Json.object("text", text));
                                if (!text.equals(alice.next(messages).get("text"))) {
                                    throw fail("alice's connection stopped working");
                                }
                            })));
        }

        /** A group's notice of a member who joined or left, as its other members get it. */
        static void expectGroupEvent(Map<String, Object> message, String text, String group) throws Failure {
            if (!text.equals(message.get("text")) || !group.equals(message.get("group"))
                    || !"group".equals(message.get("target"))) {
                throw fail("alice received " + message + ", expected text \"" + text + "\" for the group " + group);
            }
        }

    }

    /** Applies a reference solution to a copy of its chapter. */
    static final class Solutions {

        /** A hunk's header: where it starts and how many lines it has, before and after. */
        private static final Pattern HUNK = Pattern.compile("@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@.*");

        /**
         * A fresh copy of the chapter, tests included, with the patch applied; its pom finds
         * the course's root pom, as the chapter's does.
         */
        static void prepare(Path root, Path chapter, Path patch, Path copy) throws IOException {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            copy(chapter, copy, true);
            apply(patch, copy);
            Path pom = copy.resolve("pom.xml");
            String parent = copy.relativize(root).resolve("pom.xml").toString().replace('\\', '/');
            Files.writeString(pom, Files.readString(pom)
                .replaceFirst("</parent>", "  <relativePath>" + parent + "</relativePath>\n  </parent>"));
        }

        /**
         * The test classes that the patch adds or changes and that a build runs ({@code *Tests};
         * the browser tests, {@code *IT}, need the full {@code verify}).
         */
        static List<String> testsChangedBy(Path patch) throws IOException {
            return Files.readAllLines(patch)
                .stream()
                .filter((line) -> line.startsWith("+++ ") && line.contains("/src/test/java/") && line.endsWith("Tests.java"))
                .map((line) -> line.substring(line.lastIndexOf('/') + 1, line.length() - ".java".length()))
                .distinct()
                .toList();
        }

        /**
         * Applies a unified diff of the folder, as {@code diff -ruN a b} writes it (and
         * {@code git apply} reads it): every hunk's old lines must be in the file, where the
         * hunk says or further down.
         */
        static void apply(Path patch, Path folder) throws IOException {
            List<String> lines = Files.readAllLines(patch);
            int i = 0;
            while (i < lines.size()) {
                if (!lines.get(i).startsWith("+++ ")) {
                    i++;
                    continue;
                }
                String name = lines.get(i++).substring(4).replaceFirst("\t.*", "").replaceFirst("^[^/]+/", "");
                Path file = folder.resolve(name);
                List<String> text = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
                int from = 0;
                while (i < lines.size() && lines.get(i).startsWith("@@ ")) {
                    Matcher counts = HUNK.matcher(lines.get(i++));
                    if (!counts.matches()) {
                        throw new IOException(patch + ": a hunk header I cannot read: " + lines.get(i - 1));
                    }
                    int oldLeft = (counts.group(1) != null) ? Integer.parseInt(counts.group(1)) : 1;
                    int newLeft = (counts.group(2) != null) ? Integer.parseInt(counts.group(2)) : 1;
                    List<String> before = new ArrayList<>();
                    List<String> after = new ArrayList<>();
                    while (oldLeft > 0 || newLeft > 0) {
                        String line = lines.get(i++);
                        if (line.startsWith("\\")) {
                            continue; // "\ No newline at end of file"
                        }
                        char kind = line.isEmpty() ? ' ' : line.charAt(0);
                        String content = line.isEmpty() ? "" : line.substring(1);
                        if (kind != '+') {
                            before.add(content);
                            oldLeft--;
                        }
                        if (kind != '-') {
                            after.add(content);
                            newLeft--;
                        }
                    }
                    int at = find(text, before, from);
                    if (at < 0) {
                        throw new IOException(patch.getFileName() + " does not apply to " + name + ": the lines "
                                + before + " are not there");
                    }
                    text.subList(at, at + before.size()).clear();
                    text.addAll(at, after);
                    from = at + after.size();
                }
                Files.createDirectories(file.getParent());
                Files.write(file, text);
            }
        }

        private static int find(List<String> text, List<String> lines, int from) {
            for (int at = from; at + lines.size() <= text.size(); at++) {
                if (text.subList(at, at + lines.size()).equals(lines)) {
                    return at;
                }
            }
            return -1;
        }

    }

    /**
     * Tokens as chapter 04's hub signs them, with its development key, which is in the
     * repository (src/main/resources/dev-keys): so a check can make a token that the hub's
     * token endpoint would never give.
     */
    static final class Jwt {

        static Map<String, Object> claims(String token) throws Failure {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                throw fail("the token is not a signed JWT: " + token);
            }
            return Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        }

        /** A token for the user, with the role USER, for this audience; valid for five minutes. */
        static String sign(String user, String audience) throws Failure {
            long now = System.currentTimeMillis() / 1000;
            String header = "{\"alg\":\"RS256\"}";
            String claims = "{\"iss\":\"message-hub\",\"sub\":" + Json.quote(user) + ",\"aud\":" + Json.quote(audience)
                    + ",\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"roles\":[\"USER\"]}";
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Path pem = projectRoot().resolve(Chapter.C04.module + "/src/main/resources/dev-keys/private.pem");
                String key = Files.readString(pem).replaceAll("-----[A-Z ]+-----|\\s", "");
                Signature rsa = Signature.getInstance("SHA256withRSA");
                byte[] der = Base64.getDecoder().decode(key);
                rsa.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
                rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
                return signed + "." + base64.encodeToString(rsa.sign());
            }
            catch (IOException | GeneralSecurityException ex) {
                throw fail("could not sign a token with chapter 04's development key: " + ex);
            }
        }

    }

    // ---------------------------------------------------------------- talking to the app

    /** The app under check, from outside: HTTP, and STOMP clients that it closes after each check. */
    static final class Hub {

        final String url;

        final Chapter chapter;

        final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

        private final List<Client> clients = new ArrayList<>();

        private final Map<String, String> tokens = new LinkedHashMap<>();

        Hub(String url, Chapter chapter) {
            this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            this.chapter = chapter;
        }

        /** A connection as alice, where the chapter has users. */
        Client connect() throws Failure {
            return (this.chapter.compareTo(Chapter.C04) >= 0) ? connect("alice", "wonderland") : connect(null, null);
        }

        Client connect(String user, String password) throws Failure {
            return connect(user, password, "0,0");
        }

        /** A connection that offers these STOMP heartbeats (sent, wanted, in ms). */
        Client connect(String user, String password, String heartBeat) throws Failure {
            String query = (user == null) ? "" : "?access_token=" + encode(token(user, password));
            return open(query, heartBeat);
        }

        /** A connection opened with a ticket of {@code POST /token/ticket} (chapter 06). */
        Client connectWithTicket(String ticket) throws Failure {
            return open("?ticket=" + encode(ticket), "0,0");
        }

        private Client open(String query, String heartBeat) throws Failure {
            Client client = Client.open(this.http, this.url.replaceFirst("^http", "ws") + "/messages" + query,
                    heartBeat);
            this.clients.add(client);
            return client;
        }

        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        String token(String user, String password) throws Failure {
            String cached = this.tokens.get(user);
            if (cached != null) {
                return cached;
            }
            Response response = postForm("/token", "username=" + user + "&password=" + password);
            Object token = (response.status == 200) ? Json.parseObject(response.body).get("access_token") : null;
            if (!(token instanceof String value)) {
                throw fail("POST /token for " + user + " answered " + response.status + " " + response.body);
            }
            this.tokens.put(user, value);
            return value;
        }

        /** The admin's token where the chapter has users; none before. */
        String adminToken() throws Failure {
            return (this.chapter.compareTo(Chapter.C04) >= 0) ? token("admin", "letmein") : null;
        }

        /** The status of a handshake with this Origin (none if null) and no token. */
        int handshakeStatus(String origin) throws Failure {
            return handshakeStatus(origin, "");
        }

        /** The status of a handshake with this Origin (none if null) and query string. */
        int handshakeStatus(String origin, String query) throws Failure {
            WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(WAIT);
            if (origin != null) {
                builder.header("Origin", origin);
            }
            try {
                WebSocket socket = builder.buildAsync(URI.create(this.url.replaceFirst("^http", "ws") + "/messages" + query),
                        new WebSocket.Listener() {
                        })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                socket.abort();
                return 101;
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                    return refused.getResponse().statusCode();
                }
                throw fail("the handshake failed: " + ex.getCause());
            }
            catch (InterruptedException | TimeoutException ex) {
                throw fail("the handshake did not finish in " + WAIT.toSeconds() + " s");
            }
        }

        Response get(String path) throws Failure {
            return get(path, null);
        }

        Response get(String path, String token) throws Failure {
            return send(withToken(HttpRequest.newBuilder(URI.create(this.url + path)).GET(), token));
        }

        Response postForm(String path, String form) throws Failure {
            return postForm(path, form, null);
        }

        Response postForm(String path, String form, String token) throws Failure {
            return send(withToken(HttpRequest.newBuilder(URI.create(this.url + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), token));
        }

        private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
            return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
        }

        Response postJson(String path, String json, String token) throws Failure {
            return send(withToken(HttpRequest.newBuilder(URI.create(this.url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token));
        }

        private Response send(HttpRequest.Builder request) throws Failure {
            try {
                HttpResponse<String> response = this.http.send(request.timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(), response.headers());
            }
            catch (IOException ex) {
                throw fail("the app did not answer " + request.build().uri().getPath() + ": " + ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw fail("interrupted");
            }
        }

        void closeAll() {
            this.clients.forEach(Client::close);
            this.clients.clear();
        }

    }

    record Response(int status, String body, HttpHeaders headers) {
    }

    /** A STOMP 1.2 client over the JDK's WebSocket, as much of one as the checks need. */
    static final class Client implements WebSocket.Listener {

        private final List<Frame> frames = new ArrayList<>();

        private final StringBuilder partial = new StringBuilder();

        private WebSocket socket;

        private int subscriptions;

        /** What each subscription is to, by id. */
        private final Map<String, String> destinations = new LinkedHashMap<>();

        /** The subscription to /user/queue/errors, made at once: an error ends a wait early. */
        private String errors;

        private Map<String, Object> welcome;

        /** The headers of the server's CONNECTED frame. */
        private Map<String, String> connected;

        /** The body of the message {@link #next} returned last. */
        private String lastBody;

        private String closedBecause;

        static Client open(HttpClient http, String url, String heartBeat) throws Failure {
            Client client = new Client();
            try {
                client.socket = http.newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(URI.create(url), client)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                    throw fail("the handshake at /messages answered " + refused.getResponse().statusCode()
                            + ", expected 101");
                }
                throw fail("could not open a WebSocket to " + url.replaceFirst("\\?.*", "") + ": " + ex.getCause());
            }
            catch (InterruptedException | TimeoutException ex) {
                throw fail("the WebSocket handshake did not finish in " + WAIT.toSeconds() + " s");
            }
            try {
                client.sendFrame("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:" + heartBeat + "\n\n");
            }
            catch (Failure ex) {
                // Refused and closed at once: its ERROR frame, if any, says why.
            }
            Frame connected = client.await((frame) -> !frame.command.equals("MESSAGE"), WAIT, "CONNECTED frame");
            if (!connected.command.equals("CONNECTED")) {
                throw fail("the server answered CONNECT with " + connected.command + ": "
                        + (connected.body.isBlank() ? connected.headers.get("message") : connected.body));
            }
            client.connected = connected.headers;
            client.errors = client.subscribeFrame("/user/queue/errors");
            return client;
        }

        /** The connection's own details, from SUBSCRIBE /app/connectionId. */
        Map<String, Object> welcome() throws Failure {
            if (this.welcome == null) {
                this.welcome = subscribeOnce("/app/connectionId");
            }
            return this.welcome;
        }

        String connectionId() throws Failure {
            return (String) welcome().get("connectionId");
        }

        /**
         * Subscribes, and waits until the hub has taken the subscription in. Spring's
         * simple broker sends no receipts; but the hub handles a connection's frames in
         * order (setPreserveReceiveOrder), so once a later request is answered, the
         * subscription is in place.
         */
        String subscribe(String destination) throws Failure {
            if (destination.equals("/user/queue/errors")) {
                return this.errors;
            }
            String id = subscribeFrame(destination);
            this.welcome = subscribeOnce("/app/connectionId");
            return id;
        }

        /** Subscribes to an /app destination, which answers once, and unsubscribes. */
        Map<String, Object> subscribeOnce(String destination) throws Failure {
            return Json.objectOrRaw(request(destination));
        }

        /** The body of an /app destination's one answer. */
        String request(String destination) throws Failure {
            String id = subscribeFrame(destination);
            next(id);
            sendFrame("UNSUBSCRIBE\nid:" + id + "\n\n");
            return this.lastBody;
        }

        private String subscribeFrame(String destination) throws Failure {
            String id = "sub-" + (++this.subscriptions);
            this.destinations.put(id, destination);
            sendFrame("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n");
            return id;
        }

        /** A SEND with this body, labelled JSON whether it is or not. */
        void send(String destination, String body) throws Failure {
            sendFrame("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + body);
        }

        /** The next message of this subscription, as JSON. */
        Map<String, Object> next(String subscription) throws Failure {
            return next(subscription, WAIT);
        }

        Map<String, Object> next(String subscription, Duration wait) throws Failure {
            return next(subscription, (message) -> true, wait);
        }

        Map<String, Object> next(String subscription, Predicate<Map<String, Object>> matching) throws Failure {
            return next(subscription, matching, WAIT);
        }

        Map<String, Object> next(String subscription, Predicate<Map<String, Object>> matching, Duration wait)
                throws Failure {
            // An error for this connection ends the wait for anything else: it says why.
            Frame frame = await((candidate) -> candidate.command.equals("MESSAGE")
                    && (subscription.equals(candidate.headers.get("subscription")) && matching.test(candidate.json())
                            || !subscription.equals(this.errors)
                                    && this.errors.equals(candidate.headers.get("subscription"))),
                    wait, "message on " + this.destinations.get(subscription));
            if (!subscription.equals(this.errors) && this.errors.equals(frame.headers.get("subscription"))) {
                throw fail("the hub answered with an error: " + frame.body);
            }
            this.lastBody = frame.body;
            return frame.json();
        }

        void close() {
            if (this.socket != null && !this.socket.isOutputClosed()) {
                try {
                    // As the page does: leave, wait for the hub's receipt, then close.
                    sendFrame("DISCONNECT\nreceipt:bye\n\n");
                    await((frame) -> frame.command.equals("RECEIPT"), WAIT, "RECEIPT frame");
                    this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                catch (Exception ex) {
                    this.socket.abort();
                }
            }
        }

        /** The heartbeats the server promised in CONNECTED: sent, wanted, in ms. */
        String heartBeat() {
            return this.connected.getOrDefault("heart-beat", "0,0");
        }

        /** Waits for the server to close the connection, and says how it did. */
        String awaitClosed() throws Failure {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (this.frames) {
                while (this.closedBecause == null) {
                    waitForMore(deadline, "the server did not close the connection within " + WAIT.toSeconds() + " s");
                }
                return this.closedBecause;
            }
        }

        private synchronized void sendFrame(String frame) throws Failure {
            try {
                this.socket.sendText(frame + "\0", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (ExecutionException | TimeoutException ex) {
                throw fail("could not send a frame: the connection is " + (this.closedBecause != null ? "closed ("
                        + this.closedBecause + ")" : "not answering"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw fail("interrupted");
            }
        }

        /** Takes the first frame not taken yet that matches, waiting for it if need be. */
        private Frame await(Predicate<Frame> matching, Duration wait, String what) throws Failure {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (this.frames) {
                while (true) {
                    for (Frame frame : this.frames) {
                        if (matching.test(frame)) {
                            this.frames.remove(frame);
                            return frame;
                        }
                    }
                    if (this.closedBecause != null) {
                        throw fail("no " + what + ": the server closed the connection (" + this.closedBecause + ")");
                    }
                    waitForMore(deadline, "no " + what + " within " + wait.toSeconds() + " s");
                }
            }
        }

        /**
         * Waits, holding the frames' lock, until a frame or the close arrives, or fails with
         * this message once the deadline has passed.
         */
        private void waitForMore(long deadline, String tooLate) throws Failure {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw fail(tooLate);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this.frames, left);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw fail("interrupted");
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                String text = this.partial.toString();
                this.partial.setLength(0);
                for (String raw : text.split("\0")) {
                    Frame frame = Frame.parse(raw);
                    if (frame != null) {
                        synchronized (this.frames) {
                            this.frames.add(frame);
                            this.frames.notifyAll();
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (this.frames) {
                this.closedBecause = statusCode + (reason.isEmpty() ? "" : " " + reason);
                this.frames.notifyAll();
            }
            return null;
        }

        /** The connection broke without a close, such as while a frame was still going out. */
        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            synchronized (this.frames) {
                if (this.closedBecause == null) {
                    this.closedBecause = "broken: " + error;
                }
                this.frames.notifyAll();
            }
        }

    }

    record Frame(String command, Map<String, String> headers, String body) {

        static Frame parse(String raw) {
            String text = raw.replaceFirst("^[\r\n]+", "");
            if (text.isEmpty()) {
                return null; // a heartbeat
            }
            int end = text.indexOf("\n\n");
            String head = (end < 0) ? text : text.substring(0, end);
            String body = (end < 0) ? "" : text.substring(end + 2);
            String[] lines = head.split("\r?\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon), unescape(lines[i].substring(colon + 1)));
                }
            }
            return new Frame(lines[0], headers, body);
        }

        Map<String, Object> json() {
            return Json.objectOrRaw(this.body);
        }

        private static String unescape(String value) {
            return value.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
        }

    }

    /** Just enough JSON: objects, arrays, strings, numbers, true, false and null. */
    static final class Json {

        private final String text;

        private int at;

        private Json(String text) {
            this.text = text;
        }

        static String object(String... keysAndValues) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < keysAndValues.length; i += 2) {
                json.append(i == 0 ? "" : ",").append(quote(keysAndValues[i])).append(':').append(quote(keysAndValues[i + 1]));
            }
            return json.append('}').toString();
        }

        static String quote(String value) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        }
                        else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }

        /** Any JSON value: a Map, a List, a String, a Number, a Boolean or null. */
        static Object parse(String text) {
            return new Json(text.trim()).value();
        }

        /** The object, or, for a body that is not one, the body under {@code notJson}. */
        static Map<String, Object> objectOrRaw(String text) {
            try {
                return parseObject(text);
            }
            catch (IllegalArgumentException ex) {
                return Map.of("notJson", text);
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parseObject(String text) {
            Object value = new Json(text.trim()).value();
            if (!(value instanceof Map)) {
                throw new IllegalArgumentException("not a JSON object: " + text);
            }
            return (Map<String, Object>) value;
        }

        private Object value() {
            skipSpace();
            if (this.at >= this.text.length()) {
                throw new IllegalArgumentException("JSON ends early");
            }
            char c = this.text.charAt(this.at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                this.at++;
                skipSpace();
                if (peek('}')) {
                    return object;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    object.put(key, value());
                    skipSpace();
                }
                while (peek(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                this.at++;
                skipSpace();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    skipSpace();
                }
                while (peek(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : List.of("true", "false", "null")) {
                if (this.text.startsWith(literal, this.at)) {
                    this.at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = this.at;
            while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
                this.at++;
            }
            if (start == this.at) {
                throw new IllegalArgumentException("not JSON at " + start);
            }
            return Double.valueOf(this.text.substring(start, this.at));
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (this.at < this.text.length() && this.text.charAt(this.at) != '"') {
                char c = this.text.charAt(this.at++);
                if (c == '\\') {
                    char escaped = this.text.charAt(this.at++);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'r' -> value.append('\r');
                        case 'b' -> value.append('\b');
                        case 'f' -> value.append('\f');
                        case 'u' -> {
                            value.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
                            this.at += 4;
                        }
                        default -> value.append(escaped);
                    }
                }
                else {
                    value.append(c);
                }
            }
            expect('"');
            return value.toString();
        }

        private void skipSpace() {
            while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
                this.at++;
            }
        }

        private boolean peek(char c) {
            if (this.at < this.text.length() && this.text.charAt(this.at) == c) {
                this.at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected " + c + " at " + this.at);
            }
        }

    }

    // ---------------------------------------------------------------- running the workspace

    /**
     * The workspace app, built with the Maven wrapper and started on a free port; twice, as
     * two instances of one cluster, for the chapters whose checks need two (05, 07).
     */
    static final class RunningApp implements AutoCloseable {

        final String url;

        final String url2;

        private final List<Process> processes = new ArrayList<>();

        /**
         * The broker's passcodes, the same for both instances: chapter 07's development
         * broker, which the first instance starts, lets in only the passcodes it was given.
         */
        private final List<String> passcodes = List.of("--hub.broker.system-passcode=" + UUID.randomUUID(),
                "--hub.broker.client-passcode=" + UUID.randomUUID());

        private RunningApp(String url, String url2) {
            this.url = url;
            this.url2 = url2;
        }

        /**
         * Builds the module (the workspace, or a chapter with a solution) and starts it. The
         * build compiles the tests too, if the module has any, and runs those named (none
         * for a workspace).
         */
        static RunningApp build(Path root, Path module, boolean twoInstances, List<String> tests)
                throws IOException, InterruptedException {
            String name = root.relativize(module) + "/";
            Path log = module.resolve("target/learn-build.log");
            Files.createDirectories(log.getParent());
            System.out.println("Building " + name + (tests.isEmpty() ? "" : ", and running " + String.join(", ", tests))
                    + " …");
            Process build = new ProcessBuilder(root.resolve(wrapper()).toString(), "-q", "-f",
                    module.resolve("pom.xml").toString(),
                    tests.isEmpty() ? "-DskipTests" : "-Dtest=" + String.join(",", tests), "package")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            if (build.waitFor() != 0) {
                System.out.println(name + " does not build" + (tests.isEmpty() ? "" : ", or a test fails")
                        + ". The last lines say why (all of it in " + name + "target/learn-build.log):");
                tail(log, 30);
                return null;
            }
            Path jar;
            try (Stream<Path> files = Files.list(module.resolve("target"))) {
                jar = files.filter((file) -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
            }
            int first = freePort();
            int second = twoInstances ? freePort() : -1;
            RunningApp running = new RunningApp("http://127.0.0.1:" + first,
                    twoInstances ? "http://127.0.0.1:" + second : null);
            // The first instance starts the development Redis or broker; the second uses it.
            if (!running.start(jar, module, name, first, "instance-1")
                    || (twoInstances && !running.start(jar, module, name, second, "instance-2"))) {
                running.close();
                return null;
            }
            return running;
        }

        private boolean start(Path jar, Path module, String moduleName, int port, String name)
                throws IOException, InterruptedException {
            Path appLog = module.resolve("target/learn-" + name + ".log");
            System.out.println("Starting " + name + " on port " + port + " …");
            List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar.toString(), "--server.port=" + port,
                    "--server.address=127.0.0.1", "--hub.instance.name=" + name));
            command.addAll(this.passcodes);
            Process app = new ProcessBuilder(command).directory(module.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appLog.toFile())
                .start();
            this.processes.add(app);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!app.isAlive()) {
                    System.out.println("The app stopped as it started. Its last lines (all of them in " + moduleName
                            + "target/" + appLog.getFileName() + "):");
                    tail(appLog, 30);
                    return false;
                }
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                    return true;
                }
                catch (IOException ex) {
                    Thread.sleep(250); // not up yet: poll again
                }
            }
            System.out.println("The app did not answer within two minutes; see " + moduleName + "target/"
                    + appLog.getFileName() + ".");
            return false;
        }

        @Override
        public void close() throws InterruptedException {
            // The second instance first: the first may hold the development Redis or broker.
            for (int i = this.processes.size() - 1; i >= 0; i--) {
                Process process = this.processes.get(i);
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static void tail(Path log, int lines) throws IOException {
            List<String> all = Files.readAllLines(log);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach((line) -> System.out.println("  " + line));
        }

    }

    // ---------------------------------------------------------------- the course

    enum Chapter {

        C01("01", "01-basics", "Basics"), C02("02", "02-server-hubs", "Server hubs"),
        C03("03", "03-hubcontext", "Hub context"), C04("04", "04-authorization", "Authorization"),
        C05("05", "05-scaling-redis", "Scaling with Redis"), C06("06", "06-production", "Production"),
        C07("07", "07-broker-relay", "A broker relay");

        final String number;

        final String module;

        final String title;

        Chapter(String number, String module, String title) {
            this.number = number;
            this.module = module;
            this.title = title;
        }

        Chapter previous() {
            return (ordinal() == 0) ? null : values()[ordinal() - 1];
        }

        static Chapter byNumber(String number) {
            String wanted = (number.length() == 1) ? "0" + number : number;
            for (Chapter chapter : values()) {
                if (chapter.number.equals(wanted)) {
                    return chapter;
                }
            }
            throw usage("there is no chapter " + number + ": the chapters are 01 to 07");
        }

    }

    record Options(String command, String chapterNumber, Integer exercise, String url, String url2, boolean all,
            boolean watch) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw usage("say what to do");
            }
            String chapter = null;
            String exercise = null;
            String url = null;
            String url2 = null;
            boolean all = false;
            boolean watch = false;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--all" -> all = true;
                    case "--watch" -> watch = true;
                    case "--url" -> url = args[++i];
                    case "--url2" -> url2 = args[++i];
                    case "--chapter" -> chapter = args[++i];
                    case "--exercise" -> exercise = args[++i];
                    default -> {
                        // "solution 01 2": the chapter, then the exercise
                        if (chapter == null) {
                            chapter = args[i];
                        }
                        else {
                            exercise = args[i];
                        }
                    }
                }
            }
            return new Options(args[0], chapter, (exercise != null) ? exerciseNumber(exercise) : null, url, url2, all,
                    watch);
        }

        private static int exerciseNumber(String text) {
            try {
                return Integer.parseInt(text);
            }
            catch (NumberFormatException ex) {
                throw usage("an exercise is a number, such as 2, not " + text);
            }
        }

        Optional<Chapter> chapter() {
            return Optional.ofNullable(this.chapterNumber).map(Chapter::byNumber);
        }

    }

    static IllegalArgumentException usage(String problem) {
        System.err.println("Learn: " + problem + ".");
        System.err.println("""
                Usage: java course-checks/Learn.java start NN      your workspace/ for chapter NN, from chapter NN-1
                       java course-checks/Learn.java check [--all] [--watch]  builds and starts workspace/, checks its lesson
                       java course-checks/Learn.java reset         workspace/ as "start" left it (yours is kept)
                       java course-checks/Learn.java list          the chapters, their checks and exercises
                       java course-checks/Learn.java check --exercise K   exercise K of workspace/'s chapter
                       java course-checks/Learn.java solution NN K        chapter NN with exercise K's solution, checked""");
        System.exit(2);
        return new IllegalArgumentException(problem);
    }

    /** The course's root: the folder with the Maven wrapper and 01-basics. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("01-basics"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw usage("run this from the course's folder (the one with mvnw and 01-basics)");
    }

    static String wrapper() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "mvnw.cmd" : "./mvnw";
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

}
