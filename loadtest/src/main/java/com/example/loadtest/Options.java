package com.example.loadtest;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run, from the command line: {@code --name value} pairs, every one optional.
 * {@code --help} lists them.
 */
record Options(URI url, List<URI> publishUrls, List<URI> subscribeUrls, int subscribers, int publishers, int rate,
        int burst, int duration, int warmup, int size, String user, String password, int idle, int hold, int slow,
        int serverPid, String json) {

    static final String HELP = """
            Usage: java -jar loadtest/target/loadtest-1.0.0-SNAPSHOT.jar [options]

              --url URL             the app, e.g. http://localhost:8080 (default)
              --publish-url URLS    where publishers connect, comma-separated (default --url)
              --subscribe-url URLS  where subscribers connect, comma-separated, spread evenly (default --url)
              --subscribers N       subscriber connections (default 200)
              --publishers N        publisher connections (default 1)
              --rate R              messages per second from all publishers together, open loop
              --duration S          seconds at that rate (default 10)
              --burst M             instead of --rate: M messages per publisher, as fast as possible
              --warmup S            seconds of the same load before measuring, not counted (default 5)
              --size B              bytes of text per message (default 100)
              --user U --password P log in with POST /token (chapters 04 and 05; default alice/wonderland,
                                    skipped when the app has no /token)
              --slow N              N more subscribers that stop reading once subscribed, as clients on a
                                    stalled network do: the server should cut them off, and the
                                    others' latency should not suffer (they are not counted)
              --idle N --hold S     instead: open N idle connections and hold them S seconds (memory)
              --server-pid PID      read the server's memory (VmRSS) before and after connecting
              --json FILE           also write the result as JSON

            Latency is reported two ways. From schedule: from when a message was due on the --rate
            schedule to its delivery, so the time a publisher that fell behind kept it waiting counts
            too, as it would for a real sender (leaving it out is called coordinated omission). From
            send: from when the publisher actually sent it. A --burst has no schedule, so from send only.
            """;

    private static final List<String> KNOWN = List.of("--url", "--publish-url", "--subscribe-url", "--subscribers",
            "--publishers", "--rate", "--duration", "--burst", "--warmup", "--size", "--user", "--password", "--slow",
            "--idle", "--hold", "--server-pid", "--json");

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; --help lists them");
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + Arrays.toString(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        URI url = URI.create(values.getOrDefault("url", "http://localhost:8080"));
        Options options = new Options(url, urls(values.get("publish-url"), url), urls(values.get("subscribe-url"), url),
                number(values, "subscribers", 200), number(values, "publishers", 1), number(values, "rate", 0),
                number(values, "burst", 0), number(values, "duration", 10), number(values, "warmup", 5),
                number(values, "size", 100), values.getOrDefault("user", "alice"),
                values.getOrDefault("password", "wonderland"), number(values, "idle", 0), number(values, "hold", 10),
                number(values, "slow", 0), number(values, "server-pid", 0), values.get("json"));
        if (options.idle() == 0 && (options.rate() > 0) == (options.burst() > 0)) {
            throw new IllegalArgumentException("Give either --rate R or --burst M (or --idle N)");
        }
        return options;
    }

    private static List<URI> urls(String list, URI fallback) {
        return (list == null) ? List.of(fallback) : Arrays.stream(list.split(",")).map(URI::create).toList();
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

}
