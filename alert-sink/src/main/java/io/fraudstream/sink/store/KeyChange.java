package io.fraudstream.sink.store;

/**
 * What a change to an API key did: done, no such key, or not possible (already revoked, name
 * taken).
 */
public record KeyChange(Transition.Outcome outcome, StoredKey key) {}
