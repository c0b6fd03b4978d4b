package io.fraudstream.txgen.score;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the scorer needs besides its inputs, validated on construction.
 *
 * @param k cards kept per day for Card Precision@k, at least 1
 * @param from first UTC day of the Card Precision@k range, or null for the first day with a label
 *     or an alert
 * @param to last UTC day (inclusive) of the range, or null for the last day with a label or alert
 * @param cardGrace how long after a card's last fraud an alert still detects the card, not negative
 * @param latencyClock which clock says when an alert was received
 */
public record ScoreSettings(
        int k, LocalDate from, LocalDate to, Duration cardGrace, LatencyClock latencyClock) {

    /** The handbook's k. */
    public static final int DEFAULT_K = 100;

    /** One day: a card's frauds stop once it is blocked, so later alerts are about other things. */
    public static final Duration DEFAULT_CARD_GRACE = Duration.ofDays(1);

    /**
     * @throws IllegalArgumentException naming the setting (as its command-line option) that is out
     *     of range
     */
    public ScoreSettings {
        if (k < 1) {
            throw new IllegalArgumentException("--k: must be at least 1, was " + k);
        }
        Objects.requireNonNull(cardGrace, "cardGrace");
        if (cardGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "--card-grace: must not be negative, was " + cardGrace);
        }
        Objects.requireNonNull(latencyClock, "latencyClock");
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException(
                    "--from: must not be after --to, was " + from + " > " + to);
        }
    }

    /** The defaults, with the given latency clock. */
    public static ScoreSettings defaults(LatencyClock latencyClock) {
        return new ScoreSettings(DEFAULT_K, null, null, DEFAULT_CARD_GRACE, latencyClock);
    }
}
