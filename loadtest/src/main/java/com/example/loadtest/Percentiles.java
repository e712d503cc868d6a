package com.example.loadtest;

import java.util.List;
import java.util.Locale;

/** One latency measure over all subscribers, in microseconds, as the report shows it. */
record Percentiles(long p50, long p90, long p99, long p999, long max) {

    static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    static final String HEADER = "%8s %8s %8s %8s %8s".formatted("p50", "p90", "p99", "p99.9", "max");

    static Percentiles of(List<Latencies> recorded) {
        long[] sorted = Latencies.merged(recorded);
        return new Percentiles(Latencies.percentile(sorted, 0.50), Latencies.percentile(sorted, 0.90),
                Latencies.percentile(sorted, 0.99), Latencies.percentile(sorted, 0.999),
                Latencies.percentile(sorted, 1.0));
    }

    /** Milliseconds in columns under {@link #HEADER}. */
    String millis() {
        return String.format(Locale.ROOT, "%8.2f %8.2f %8.2f %8.2f %8.2f", this.p50 / 1e3, this.p90 / 1e3,
                this.p99 / 1e3, this.p999 / 1e3, this.max / 1e3);
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"max\": %.3f}", this.p50 / 1e3,
                this.p90 / 1e3, this.p99 / 1e3, this.p999 / 1e3, this.max / 1e3);
    }

}
