package com.example.loadtest;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies recorded by one connection, in microseconds; merged and sorted for
 * percentiles at the end. Each connection has its own, so its lock is never contended.
 */
final class Latencies {

    private long[] values = new long[1024];

    private int count;

    synchronized void record(long micros) {
        if (this.count == this.values.length) {
            this.values = Arrays.copyOf(this.values, this.count * 2);
        }
        this.values[this.count++] = micros;
    }

    synchronized int count() {
        return this.count;
    }

    synchronized void clear() {
        this.count = 0;
    }

    /** All recorded values of all the given recorders, sorted. */
    static long[] merged(List<Latencies> all) {
        long[] merged = new long[all.stream().mapToInt(Latencies::count).sum()];
        int at = 0;
        for (Latencies latencies : all) {
            synchronized (latencies) {
                System.arraycopy(latencies.values, 0, merged, at, latencies.count);
                at += latencies.count;
            }
        }
        Arrays.sort(merged);
        return merged;
    }

    /** The value below which the given share of sorted values lies (nearest rank). */
    static long percentile(long[] sorted, double share) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

}
