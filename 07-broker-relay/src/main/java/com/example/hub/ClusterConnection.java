package com.example.hub;

import java.util.List;

/** A connection as the instances know it: who, where, and in which groups. */
record ClusterConnection(ConnectionInfo connection, List<String> groups) {

}
