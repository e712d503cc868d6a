package com.example.hub;

import java.util.List;

/** The groups a connection belongs to, sent to it after each join or leave. */
record GroupList(List<String> groups) {

}
