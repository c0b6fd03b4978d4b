package io.fraudstream.sink.store;

/** Where an alert is in its review: {@code OPEN → ACKNOWLEDGED → RESOLVED}. */
public enum AlertStatus {
    /** Stored, nobody has looked at it yet. */
    OPEN,
    /** An analyst has taken it. */
    ACKNOWLEDGED,
    /** An analyst decided: fraud or legitimate. */
    RESOLVED
}
