package com.example.hub;

/**
 * An error for the client whose message failed: a short code and a sentence for people.
 */
public record HubError(String error, String detail) {

}
