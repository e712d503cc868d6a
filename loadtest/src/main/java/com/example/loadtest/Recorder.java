package com.example.loadtest;

/**
 * One subscriber's latencies, measured both from each message's due time, which counts
 * the time a late publisher kept it waiting, and from its actual send, which does not.
 */
final class Recorder {

    private final Latencies fromSchedule = new Latencies();

    private final Latencies fromSend = new Latencies();

    void record(Marker marker, long arrivedNanos) {
        this.fromSend.record((arrivedNanos - marker.sentNanos()) / 1000);
        if (marker.scheduled()) {
            this.fromSchedule.record((arrivedNanos - marker.dueNanos()) / 1000);
        }
    }

    Latencies fromSchedule() {
        return this.fromSchedule;
    }

    Latencies fromSend() {
        return this.fromSend;
    }

    void clear() {
        this.fromSchedule.clear();
        this.fromSend.clear();
    }

}
