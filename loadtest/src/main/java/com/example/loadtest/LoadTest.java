package com.example.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a chapter's hub with N subscribers and one or more publishers over real
 * WebSockets and STOMP, and reports what arrived and how fast: publishers send to
 * {@code /app/sendMessageToAll} at a fixed rate (open loop) or as fast as they can;
 * subscribers listen on {@code /topic/messages}. When each message was due and when it
 * was sent travel in it, so latency is measured from both in this one process.
 */
public final class LoadTest {

    private static final String SEND = "/app/sendMessageToAll";

    private static final String TOPIC = "/topic/messages";

    private final Options options;

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2, (task) -> {
        Thread thread = new Thread(task, "loadtest-io");
        thread.setDaemon(true);
        return thread;
    })).build();

    private final List<Recorder> recorders = new ArrayList<>();

    private final AtomicLong delivered = new AtomicLong();

    private final AtomicLong lastDeliveryNanos = new AtomicLong();

    private LoadTest(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--help")) {
            System.out.print(Options.HELP);
            return;
        }
        Result result = new LoadTest(Options.parse(args)).run();
        System.out.print(result.table());
        if (result.options().json() != null) {
            Files.writeString(Path.of(result.options().json()), result.json());
        }
        System.exit(0);
    }

    private Result run() throws Exception {
        String token = token();
        long rssBefore = rssKib();
        long connectStart = System.nanoTime();
        int count = (this.options.idle() > 0) ? this.options.idle() : this.options.subscribers();
        List<HubConnection> subscribers = connectSubscribers(token, count);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        if (this.options.idle() > 0) {
            TimeUnit.SECONDS.sleep(this.options.hold());
            return Result.idle(this.options, count, connectSeconds, rssBefore, rssKib());
        }
        List<HubConnection> publishers = new ArrayList<>();
        for (int i = 0; i < this.options.publishers(); i++) {
            URI url = this.options.publishUrls().get(i % this.options.publishUrls().size());
            publishers.add(HubConnection.open(this.http, url, token, (body) -> {
            }).get(30, TimeUnit.SECONDS));
        }
        awaitSubscriptionsLive(publishers.get(0), subscribers.size());
        List<HubConnection> slow = connectSlowSubscribers(token);
        if (this.options.warmup() > 0) {
            load(publishers, this.options.warmup());
            awaitDrained(Long.MAX_VALUE);
        }
        this.recorders.forEach(Recorder::clear);
        this.delivered.set(0);
        long start = System.nanoTime();
        Load load = load(publishers, this.options.duration());
        long expected = load.sent() * subscribers.size();
        awaitDrained(expected);
        double seconds = (this.lastDeliveryNanos.get() - start) / 1e9;
        return new Result(this.options, subscribers.size(), connectSeconds, load.sent(), expected, this.delivered.get(),
                this.delivered.get() / Math.max(seconds, 1e-9),
                Percentiles.of(this.recorders.stream().map(Recorder::fromSchedule).toList()),
                Percentiles.of(this.recorders.stream().map(Recorder::fromSend).toList()), load.maxSlipMillis(),
                rssBefore, rssKib(), slow.stream().filter(HubConnection::wasClosedByServer).count());
    }

    /**
     * Connects the subscribers, at most 100 handshakes at a time, spread over the URLs.
     */
    private List<HubConnection> connectSubscribers(String token, int count) throws Exception {
        Semaphore inFlight = new Semaphore(100);
        List<CompletableFuture<HubConnection>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Recorder recorder = new Recorder();
            this.recorders.add(recorder);
            URI url = this.options.subscribeUrls().get(i % this.options.subscribeUrls().size());
            inFlight.acquire();
            opening.add(HubConnection.open(this.http, url, token, (body) -> received(recorder, body))
                .whenComplete((connection, error) -> inFlight.release()));
        }
        List<HubConnection> subscribers = new ArrayList<>();
        for (int i = 0; i < opening.size(); i++) {
            HubConnection connection = opening.get(i).get(60, TimeUnit.SECONDS);
            connection.subscribe("s" + i, TOPIC);
            subscribers.add(connection);
        }
        return subscribers;
    }

    /**
     * Subscribers that read nothing more once subscribed; their deliveries are not
     * counted.
     */
    private List<HubConnection> connectSlowSubscribers(String token) throws Exception {
        List<HubConnection> slow = new ArrayList<>();
        for (int i = 0; i < this.options.slow(); i++) {
            URI url = this.options.subscribeUrls().get(i % this.options.subscribeUrls().size());
            HubConnection connection = HubConnection.open(this.http, url, token, (body) -> {
            }).get(30, TimeUnit.SECONDS);
            connection.subscribe("slow" + i, TOPIC);
            connection.stopReading();
            slow.add(connection);
        }
        return slow;
    }

    private void received(Recorder recorder, String body) {
        long now = System.nanoTime();
        Marker.parse(body).ifPresent((marker) -> {
            recorder.record(marker, now);
            this.delivered.incrementAndGet();
            this.lastDeliveryNanos.set(now);
        });
    }

    /**
     * STOMP SUBSCRIBE has no reply: send probes until every subscriber has received one.
     */
    private void awaitSubscriptionsLive(HubConnection publisher, int subscribers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (this.recorders.stream().anyMatch((recorder) -> recorder.fromSend().count() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not every subscriber received a probe within 60 s");
            }
            publisher.send(SEND, json(Marker.unscheduled(System.nanoTime()).text(this.options.size())));
            TimeUnit.MILLISECONDS.sleep(100);
        }
        awaitDrained(Long.MAX_VALUE);
    }

    /** Runs the load on one thread per publisher, and returns what was sent. */
    private Load load(List<HubConnection> publishers, int seconds) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong maxSlip = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (HubConnection publisher : publishers) {
            Thread thread = new Thread(() -> publish(publisher, seconds, publishers.size(), sent, maxSlip));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Load(sent.get(), maxSlip.get() / 1e6);
    }

    private void publish(HubConnection publisher, int seconds, int publishers, AtomicLong sent, AtomicLong maxSlip) {
        if (this.options.burst() > 0) {
            for (int i = 0; i < this.options.burst(); i++) {
                publisher.send(SEND, json(Marker.unscheduled(System.nanoTime()).text(this.options.size())));
                sent.incrementAndGet();
            }
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(1) * publishers / this.options.rate();
        long messages = (long) this.options.rate() * seconds / publishers;
        // Coordinated omission: a publisher that falls behind (a pause, or a send
        // blocked by a slow hub) sends late, and latency timed from the late send
        // leaves that wait out, just when the hub is slowest. A steady stream's message
        // starts waiting when it is due, whatever the publisher is doing, so the due
        // time is the honest start; the send time travels too, to tell the publisher's
        // delay from the rest.
        long start = System.nanoTime();
        for (long i = 0; i < messages; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sentNanos = System.nanoTime();
            maxSlip.accumulateAndGet(sentNanos - due, Math::max);
            publisher.send(SEND, json(Marker.scheduled(due, sentNanos).text(this.options.size())));
            sent.incrementAndGet();
        }
    }

    /**
     * Waits until everything expected arrived, or nothing arrived for 3 s, or 30 s
     * passed.
     */
    private void awaitDrained(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = -1;
        long quietSince = System.nanoTime();
        while (this.delivered.get() < expected && System.nanoTime() < deadline) {
            long now = this.delivered.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Logs in with POST /token when the app has one (chapters 04 and 05). */
    private String token() throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(this.options.user(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(this.options.password(), StandardCharsets.UTF_8);
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.options.url().resolve("/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 || response.statusCode() == 405) {
            return null;
        }
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("POST /token answered " + response.statusCode() + ": " + response.body());
        }
        return token.group(1);
    }

    /** The server's resident memory in KiB, from /proc, or 0 without --server-pid. */
    private long rssKib() throws IOException {
        if (this.options.serverPid() == 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + this.options.serverPid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String json(String text) {
        return "{\"text\":\"" + text + "\"}";
    }

    private record Load(long sent, double maxSlipMillis) {

    }

}
