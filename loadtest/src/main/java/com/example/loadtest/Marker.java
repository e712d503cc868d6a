package com.example.loadtest;

/**
 * The send time travels inside the message text as {@code ~<nanoTime>~}, padded to the
 * message size; the receiving side, in the same process, subtracts it from its own clock.
 */
final class Marker {

    private Marker() {
    }

    static String text(long sentNanos, int size) {
        StringBuilder text = new StringBuilder(size).append('~').append(sentNanos).append('~');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /** The send time found in a received body, or -1 if there is none. */
    static long sentNanos(String body) {
        int start = body.indexOf('~');
        int end = (start < 0) ? -1 : body.indexOf('~', start + 1);
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(body, start + 1, end, 10);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

}
