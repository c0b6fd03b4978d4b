package io.fraudstream.sink.store;

/**
 * Who does something: the name of the API key (or of the command-line user) and its role, as the
 * audit log records them.
 */
public record Actor(String name, Role role) {}
