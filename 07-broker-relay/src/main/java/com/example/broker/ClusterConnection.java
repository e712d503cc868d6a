package com.example.broker;

import java.util.List;

import com.example.hub.ConnectionInfo;

/** A connection as the instances know it: who, where, and in which groups. */
public record ClusterConnection(ConnectionInfo connection, List<String> groups) {

}
