package io.fraudstream.sink.store;

import java.time.Duration;

/**
 * How alerts group into cases: an alert joins the unresolved case of its account whose alerts'
 * transactions lie within {@code window} of its own (event time, so a replay groups alike);
 * otherwise it opens a case.
 */
public record CasePolicy(Duration window) {

    /** Thirty minutes: one attack on a card, not the card's whole month. */
    public static final CasePolicy DEFAULT = new CasePolicy(Duration.ofMinutes(30));

    public CasePolicy {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must be >= 0, was " + window);
        }
    }
}
