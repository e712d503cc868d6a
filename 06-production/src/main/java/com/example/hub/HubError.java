package com.example.hub;

/**
 * An error for the client whose message failed: a short code and a sentence for people.
 */
record HubError(String error, String detail) {

}
