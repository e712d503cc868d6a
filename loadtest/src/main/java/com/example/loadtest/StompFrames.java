package com.example.loadtest;

/**
 * Builds the few STOMP 1.2 frames the load test sends, and reads a MESSAGE frame's body.
 */
final class StompFrames {

    private StompFrames() {
    }

    static String connect() {
        return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0";
    }

    static String subscribe(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0";
    }

    static String send(String destination, String json) {
        return "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + "\0";
    }

    static boolean isMessage(CharSequence frame) {
        return frame.length() > 7 && frame.subSequence(0, 7).toString().equals("MESSAGE");
    }

    static boolean isConnected(CharSequence frame) {
        return frame.length() > 9 && frame.subSequence(0, 9).toString().equals("CONNECTED");
    }

    /** The body of a frame: after the first blank line, up to the NUL that ends it. */
    static String body(String frame) {
        int start = frame.indexOf("\n\n");
        if (start < 0) {
            return "";
        }
        int end = frame.indexOf('\0', start + 2);
        return frame.substring(start + 2, (end < 0) ? frame.length() : end);
    }

}
