package com.example.loadtest;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The load test's parts that need no server: options, markers, frames, percentiles. */
class LoadTestPartsTests {

    @Test
    void markerCarriesTheSendTimeInATextOfTheRequestedSize() {
        String text = Marker.text(123456789L, 100);

        assertThat(text).hasSize(100).startsWith("~123456789~x");
        assertThat(Marker.sentNanos("{\"from\":\"alice\",\"text\":\"" + text + "\",\"target\":\"all\"}"))
            .isEqualTo(123456789L);
        assertThat(Marker.sentNanos("{\"text\":\"no marker\"}")).isEqualTo(-1);
        assertThat(Marker.sentNanos("~not a number~")).isEqualTo(-1);
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

}
