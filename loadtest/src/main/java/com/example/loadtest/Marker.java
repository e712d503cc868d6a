package com.example.loadtest;

import java.util.Optional;

/**
 * When a message was due and when it was sent, carried inside its text as
 * {@code ~<due>+<lag>~} (the due time, then how late the send was, in nanoseconds) or, in
 * a burst, which has no schedule, as {@code ~<sent>~}, padded to the message size; the
 * receiving side, in the same process, subtracts them from its own clock.
 */
record Marker(boolean scheduled, long dueNanos, long sentNanos) {

    static Marker scheduled(long dueNanos, long sentNanos) {
        return new Marker(true, dueNanos, sentNanos);
    }

    static Marker unscheduled(long sentNanos) {
        return new Marker(false, sentNanos, sentNanos);
    }

    String text(int size) {
        String marker = this.scheduled ? "~" + this.dueNanos + "+" + (this.sentNanos - this.dueNanos) + "~"
                : "~" + this.sentNanos + "~";
        return marker + "x".repeat(Math.max(0, size - marker.length()));
    }

    /** The marker found in a received body, if there is one. */
    static Optional<Marker> parse(String body) {
        int start = body.indexOf('~');
        int end = (start < 0) ? -1 : body.indexOf('~', start + 1);
        if (end < 0) {
            return Optional.empty();
        }
        int plus = body.indexOf('+', start + 1);
        try {
            if (plus < 0 || plus > end) {
                return Optional.of(unscheduled(Long.parseLong(body, start + 1, end, 10)));
            }
            long due = Long.parseLong(body, start + 1, plus, 10);
            return Optional.of(scheduled(due, due + Long.parseLong(body, plus + 1, end, 10)));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

}
