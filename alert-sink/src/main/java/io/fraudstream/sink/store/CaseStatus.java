package io.fraudstream.sink.store;

/** Where a case stands: new, being reviewed, decided. */
public enum CaseStatus {
    /** Its alerts wait for the cardholder or an analyst. */
    OPEN,
    /** Assigned to an analyst. */
    IN_REVIEW,
    /** Decided, FRAUD or LEGIT; a new alert of the account opens a new case. */
    RESOLVED
}
