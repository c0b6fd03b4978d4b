package io.fraudstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's score and decision for one transaction, on the {@code transaction-scores} topic: every
 * transaction gets exactly one, whether or not it raised an alert, so a decision engine can act on
 * each payment and an evaluation can rank them all. Construction validates every field and copies
 * the collections.
 *
 * @param transactionId the transaction
 * @param accountId its account, the key of the topic
 * @param terminalId its terminal, or {@code null}
 * @param merchantId its merchant, or {@code null}
 * @param eventTime its event time
 * @param score the risk in [0, 1]
 * @param decision what to do with the payment
 * @param modelVersion the model (and rules) that scored it
 * @param reasons the largest contributions to the score, at most {@value #MAX_REASONS}, possibly
 *     none
 * @param features the feature values the model saw, by name; empty unless the job was asked to
 *     publish them ({@code scores.features}), for audits and for checking training against serving
 */
public record TransactionScore(
        String transactionId,
        String accountId,
        String terminalId,
        String merchantId,
        Instant eventTime,
        double score,
        Decision decision,
        String modelVersion,
        List<Contribution> reasons,
        Map<String, Double> features) {

    /** Most reasons a score gives. */
    public static final int MAX_REASONS = 8;

    /** The score of {@code tx}: its ids, entities and event time, with what scoring decided. */
    public static TransactionScore of(
            Transaction tx,
            double score,
            Decision decision,
            String modelVersion,
            List<Contribution> reasons,
            Map<String, Double> features) {
        return new TransactionScore(
                tx.transactionId(),
                tx.accountId(),
                tx.terminalId(),
                tx.merchantId(),
                tx.timestamp(),
                score,
                decision,
                modelVersion,
                reasons,
                features);
    }

    /** Most features a score carries. */
    public static final int MAX_FEATURES = 256;

    /** What to do with a payment, in increasing order of concern. */
    public enum Decision {
        /** Let it through. */
        APPROVE,
        /** Let it through, hold the case for review and notify (an alert with action FLAG). */
        REVIEW,
        /** Stop it (an alert with action BLOCK). */
        DECLINE
    }

    /**
     * One contribution to a score.
     *
     * @param feature the feature's name, such as {@code terminal.fraudShare.7d}, or a detector's
     * @param message what it means for this transaction, in words, at most {@value
     *     #MAX_MESSAGE_LENGTH} characters
     * @param value the feature's value, finite
     * @param weight how much it moved the score, in log-odds (positive: towards fraud), finite
     */
    public record Contribution(String feature, String message, double value, double weight) {

        /** Longest message: a sentence. */
        public static final int MAX_MESSAGE_LENGTH = 1024;

        /**
         * Validates every field.
         *
         * @throws InvalidEventException naming the first invalid field
         */
        public Contribution {
            Checks.id("feature", feature);
            Checks.text("message", Checks.required("message", message), MAX_MESSAGE_LENGTH, true);
            Checks.finite("value", value);
            Checks.finite("weight", weight);
        }
    }

    /**
     * Validates every field and copies the collections.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public TransactionScore {
        Checks.id("transactionId", transactionId);
        Checks.id("accountId", accountId);
        Checks.optionalId("terminalId", terminalId);
        Checks.optionalId("merchantId", merchantId);
        Checks.instant("eventTime", eventTime);
        Checks.inRange("score", score, 0, 1);
        Checks.required("decision", decision);
        Checks.id("modelVersion", modelVersion);
        Checks.required("reasons", reasons);
        if (reasons.size() > MAX_REASONS) {
            throw new InvalidEventException(
                    "reasons", "more than " + MAX_REASONS + " entries, was " + reasons.size());
        }
        for (int i = 0; i < reasons.size(); i++) {
            Checks.required("reasons[" + i + "]", reasons.get(i));
        }
        reasons = List.copyOf(reasons);
        Checks.required("features", features);
        if (features.size() > MAX_FEATURES) {
            throw new InvalidEventException(
                    "features", "more than " + MAX_FEATURES + " entries, was " + features.size());
        }
        TreeMap<String, Double> copy = new TreeMap<>();
        features.forEach(
                (name, value) -> {
                    Checks.id("features", name);
                    Checks.finite("features." + name, Checks.required("features." + name, value));
                    copy.put(name, value);
                });
        features = Collections.unmodifiableMap(copy);
    }
}
