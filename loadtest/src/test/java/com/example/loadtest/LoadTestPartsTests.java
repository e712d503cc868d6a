package com.example.loadtest;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The load test's parts that need no server: options, markers, frames, latencies, the
 * report.
 */
class LoadTestPartsTests {

    @Test
    void markerCarriesTheDueAndSendTimesInATextOfTheRequestedSize() {
        String text = Marker.scheduled(123456789L, 123459789L).text(100);

        assertThat(text).hasSize(100).startsWith("~123456789+3000~x");
        assertThat(Marker.parse("{\"from\":\"alice\",\"text\":\"" + text + "\",\"target\":\"all\"}"))
            .contains(Marker.scheduled(123456789L, 123459789L));
    }

    @Test
    void markerOfABurstCarriesTheSendTimeOnly() {
        String text = Marker.unscheduled(123456789L).text(100);

        assertThat(text).hasSize(100).startsWith("~123456789~x");
        assertThat(Marker.parse(text)).contains(Marker.unscheduled(123456789L));
    }

    @Test
    void bodiesWithoutAMarkerAreIgnored() {
        assertThat(Marker.parse("{\"text\":\"no marker\"}")).isEmpty();
        assertThat(Marker.parse("{\"text\":\"~ unclosed\"}")).isEmpty();
        assertThat(Marker.parse("~not a number~")).isEmpty();
        assertThat(Marker.parse("~123+~")).isEmpty();
        assertThat(Marker.parse("~+3000~")).isEmpty();
        assertThat(Marker.parse("~1+2+3~")).isEmpty();
    }

    @Test
    void latencyFromScheduleCountsThePublishersDelayWhereLatencyFromSendLeavesItOut() {
        Recorder recorder = new Recorder();
        // 1,000 msg/s; the publisher stalls before the sixth message until 55 ms, then
        // sends the five late ones at once; each arrives 2 ms after it was sent.
        for (int i = 0; i < 10; i++) {
            long due = millis(i);
            long sent = (i < 5) ? due : millis(55);
            recorder.record(Marker.scheduled(due, sent), sent + millis(2));
        }

        Percentiles fromSchedule = Percentiles.of(List.of(recorder.fromSchedule()));
        Percentiles fromSend = Percentiles.of(List.of(recorder.fromSend()));

        assertThat(fromSchedule).isEqualTo(new Percentiles(2_000, 51_000, 52_000, 52_000, 52_000));
        assertThat(fromSend).isEqualTo(new Percentiles(2_000, 2_000, 2_000, 2_000, 2_000));
    }

    @Test
    void aBurstIsMeasuredFromSendOnly() {
        Recorder recorder = new Recorder();

        recorder.record(Marker.unscheduled(millis(10)), millis(13));

        assertThat(recorder.fromSchedule().count()).isZero();
        assertThat(Percentiles.of(List.of(recorder.fromSend())).max()).isEqualTo(3_000);
    }

    @Test
    void messageBodyIsReadFromAFrame() {
        String frame = "MESSAGE\ndestination:/topic/messages\nsubscription:s1\n\n{\"text\":\"hi\"}\0";

        assertThat(StompFrames.isMessage(frame)).isTrue();
        assertThat(StompFrames.body(frame)).isEqualTo("{\"text\":\"hi\"}");
        assertThat(StompFrames.isConnected("CONNECTED\nversion:1.2\n\n\0")).isTrue();
        assertThat(StompFrames.send("/app/x", "{}"))
            .isEqualTo("SEND\ndestination:/app/x\ncontent-type:application/json\n\n{}\0");
    }

    @Test
    void percentilesUseTheNearestRank() {
        Latencies first = new Latencies();
        Latencies second = new Latencies();
        for (int i = 1; i <= 50; i++) {
            first.record(i);
            second.record(50 + i);
        }

        long[] sorted = Latencies.merged(List.of(first, second));

        assertThat(sorted).hasSize(100).startsWith(1L, 2L).endsWith(100L);
        assertThat(Latencies.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(Latencies.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(Latencies.percentile(new long[0], 0.5)).isZero();
        assertThat(Percentiles.of(List.of(first, second))).isEqualTo(new Percentiles(50, 90, 99, 100, 100));
    }

    @Test
    void tableAndJsonShowLatencyFromScheduleAndFromSend() {
        Result result = result("--rate", "200");

        assertThat(result.table()).contains("""
                latency (ms)              p50      p90      p99    p99.9      max
                  from schedule          2.50    10.00    40.00    60.00    61.00
                  from send              1.50     3.00     6.00     8.00     9.00
                """).contains("max send delay (ms)");
        DocumentContext json = JsonPath.parse(result.json());
        assertThat(json.read("$.latencyMillis.fromSchedule.p999", Double.class)).isEqualTo(60.0);
        assertThat(json.read("$.latencyMillis.fromSend.p999", Double.class)).isEqualTo(8.0);
    }

    @Test
    void tableAndJsonOfABurstShowNoLatencyFromSchedule() {
        Result result = result("--burst", "5000");

        assertThat(result.table()).contains("  from schedule           n/a  (a burst has no schedule)")
            .contains("  from send              1.50     3.00     6.00     8.00     9.00")
            .doesNotContain("max send delay");
        DocumentContext json = JsonPath.parse(result.json());
        assertThat(json.read("$.latencyMillis.fromSchedule", Object.class)).isNull();
        assertThat(json.read("$.latencyMillis.fromSend.max", Double.class)).isEqualTo(9.0);
    }

    @Test
    void optionsNeedARateOrABurstAndSpreadSubscribersOverUrls() {
        Options options = Options.parse(new String[] { "--url", "http://localhost:9105", "--subscribe-url",
                "http://localhost:9105,http://localhost:9106", "--rate", "200" });

        assertThat(options.subscribeUrls()).containsExactly(URI.create("http://localhost:9105"),
                URI.create("http://localhost:9106"));
        assertThat(options.publishUrls()).containsExactly(URI.create("http://localhost:9105"));
        assertThat(options.subscribers()).isEqualTo(200);
        assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--subscribers", "5" }));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Options.parse(new String[] { "--rate", "5", "--burst", "5" }));
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static Result result(String... load) {
        return new Result(Options.parse(load), 200, 0.35, 2000, 400_000, 400_000, 40_003,
                new Percentiles(2_500, 10_000, 40_000, 60_000, 61_000),
                new Percentiles(1_500, 3_000, 6_000, 8_000, 9_000), 52.0, 0, 0, 0);
    }

}
