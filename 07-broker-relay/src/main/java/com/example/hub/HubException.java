package com.example.hub;

/**
 * A hub method's refusal, sent to the caller as a {@link HubError} with this code and
 * message; the counterpart of SignalR's {@code HubException}.
 */
public class HubException extends RuntimeException {

    private final String code;

    HubException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return this.code;
    }

}
