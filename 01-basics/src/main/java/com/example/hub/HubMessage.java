package com.example.hub;

import java.time.Instant;

/**
 * A message as every receiving client gets it: who sent it, the text, to whom, and when.
 */
record HubMessage(String from, String text, String target, Instant sentAt) {

}
