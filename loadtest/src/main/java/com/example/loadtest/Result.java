package com.example.loadtest;

import java.util.Locale;

/** What one run measured, as a table for people and as JSON for scripts. */
record Result(Options options, int connections, double connectSeconds, long sent, long expected, long received,
        double deliveredPerSecond, Percentiles fromSchedule, Percentiles fromSend, double maxScheduleSlipMillis,
        long rssBeforeKib, long rssAfterKib, long slowCutOff) {

    static Result idle(Options options, int connections, double connectSeconds, long rssBefore, long rssAfter) {
        return new Result(options, connections, connectSeconds, 0, 0, 0, 0, Percentiles.NONE, Percentiles.NONE, 0,
                rssBefore, rssAfter, 0);
    }

    long lost() {
        return this.expected - this.received;
    }

    double kibPerConnection() {
        return (this.rssAfterKib - this.rssBeforeKib) / (double) this.connections;
    }

    String table() {
        StringBuilder table = new StringBuilder();
        table.append(line("scenario", scenario()));
        table.append(line("connect", "%d connections in %.2f s".formatted(this.connections, this.connectSeconds)));
        if (this.options.idle() == 0) {
            table.append(line("messages sent", "%,d".formatted(this.sent)));
            table.append(line("deliveries", "%,d of %,d expected, %,d lost (%.2f %%)".formatted(this.received,
                    this.expected, lost(), (this.expected == 0) ? 0.0 : 100.0 * lost() / this.expected)));
            table.append(line("delivered msgs/s", "%,.0f".formatted(this.deliveredPerSecond)));
            table.append(line("latency (ms)", Percentiles.HEADER));
            table.append(line("  from schedule",
                    scheduled() ? this.fromSchedule.millis() : "%8s  (a burst has no schedule)".formatted("n/a")));
            table.append(line("  from send", this.fromSend.millis()));
            if (scheduled()) {
                table.append(line("max send delay (ms)", "%.1f".formatted(this.maxScheduleSlipMillis)));
            }
            if (this.options.slow() > 0) {
                table.append(line("slow clients",
                        "%d of %d cut off by the server".formatted(this.slowCutOff, this.options.slow())));
            }
        }
        if (this.options.idle() > 0 && this.rssBeforeKib > 0) {
            table.append(line("server RSS (KiB)", "%,d before, %,d after: %.1f KiB per connection"
                .formatted(this.rssBeforeKib, this.rssAfterKib, kibPerConnection())));
        }
        return table.toString();
    }

    String json() {
        return String.format(Locale.ROOT, """
                {"scenario": "%s", "connections": %d, "connectSeconds": %.3f, "sent": %d, "expected": %d, \
                "received": %d, "lost": %d, "deliveredPerSecond": %.1f, "latencyMillis": {"fromSchedule": %s, \
                "fromSend": %s}, "maxScheduleSlipMillis": %.1f, "rssBeforeKib": %d, "rssAfterKib": %d, \
                "slowClients": %d, "slowClientsCutOff": %d}
                """, scenario(), this.connections, this.connectSeconds, this.sent, this.expected, this.received, lost(),
                this.deliveredPerSecond, scheduled() ? this.fromSchedule.json() : "null", this.fromSend.json(),
                this.maxScheduleSlipMillis, this.rssBeforeKib, this.rssAfterKib, this.options.slow(), this.slowCutOff);
    }

    /** A burst sends as fast as it can, so its messages have no due time. */
    private boolean scheduled() {
        return this.options.burst() == 0;
    }

    private String scenario() {
        if (this.options.idle() > 0) {
            return "%d idle connections held %d s".formatted(this.options.idle(), this.options.hold());
        }
        String load = (this.options.burst() > 0) ? "burst of %d per publisher".formatted(this.options.burst())
                : "%d msg/s for %d s".formatted(this.options.rate(), this.options.duration());
        return "%d subscribers, %d publisher(s), %s, %d B".formatted(this.options.subscribers(),
                this.options.publishers(), load, this.options.size());
    }

    private static String line(String name, String value) {
        return String.format(Locale.ROOT, "%-20s %s%n", name, value);
    }

}
