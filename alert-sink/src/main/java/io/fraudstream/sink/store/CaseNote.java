package io.fraudstream.sink.store;

import java.time.Instant;

/** An analyst's note on a case. */
public record CaseNote(String author, String text, Instant createdAt) {}
