package io.fraudstream.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A fraud alert the job emits on the {@code fraud-alerts} topic: what triggered it, how risky it
 * looks, what to do, and why. Construction validates every field and copies the lists.
 *
 * @param alertId deterministic id: the same input always yields the same id, so duplicates from a
 *     replay or an at-least-once sink collapse downstream
 * @param accountId the account, the key of the topic
 * @param transactionId the transaction that triggered the alert
 * @param relatedTransactionIds other transactions that contributed, at most {@value
 *     #MAX_RELATED_TRANSACTIONS}, possibly none
 * @param eventTime event time of the triggering transaction
 * @param detectedAt wall-clock time the job raised the alert
 * @param score combined risk score in [0, 1]
 * @param severity how bad it looks
 * @param action what operations should do
 * @param reasons why, one per detector that fired: at least one, at most {@value #MAX_REASONS}
 * @param ruleVersion version of the rules and job that produced the alert
 * @param late whether the triggering transaction arrived behind the watermark, so windows that had
 *     already fired did not see it
 * @param terminalId the triggering transaction's terminal, or {@code null}
 * @param merchantId the triggering transaction's merchant, or {@code null}
 * @param amount the triggering transaction's amount, or {@code null} (what the cardholder is told)
 * @param currency the currency of {@code amount}, or {@code null}; required with an amount
 */
public record Alert(
        String alertId,
        String accountId,
        String transactionId,
        List<String> relatedTransactionIds,
        Instant eventTime,
        Instant detectedAt,
        double score,
        Severity severity,
        Action action,
        List<Reason> reasons,
        String ruleVersion,
        boolean late,
        String terminalId,
        String merchantId,
        BigDecimal amount,
        String currency) {

    /** Most related transactions an alert lists; a detector that sees more lists the latest. */
    public static final int MAX_RELATED_TRANSACTIONS = 100;

    /** Most reasons an alert gives: more than one per detector is noise. */
    public static final int MAX_REASONS = 16;

    /** How bad an alert looks, in increasing order. */
    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    /** What fraud operations should do about an alert. */
    public enum Action {
        /** Hold for review and notify. */
        FLAG,
        /** Stop the card and notify. */
        BLOCK
    }

    /**
     * Why a detector fired, for the analyst reading the alert.
     *
     * @param detector the detector's id, such as {@code velocity}
     * @param message what was seen, in words, at most {@value #MAX_MESSAGE_LENGTH} characters
     * @param value the observed value, finite
     * @param threshold the threshold it was compared with, finite
     */
    public record Reason(String detector, String message, double value, double threshold) {

        /**
         * The detector id of a model contribution: the message says what the feature means for this
         * transaction, {@code value} is the feature's value and {@code threshold} its weight in the
         * model's log-odds (positive: towards fraud).
         */
        public static final String CONTRIBUTION = "contribution";

        /** Longest message: a sentence or two, not a report. */
        public static final int MAX_MESSAGE_LENGTH = 1024;

        /**
         * Validates every field.
         *
         * @throws InvalidEventException naming the first invalid field
         */
        public Reason {
            Checks.id("detector", detector);
            Checks.text("message", Checks.required("message", message), MAX_MESSAGE_LENGTH, true);
            Checks.finite("value", value);
            Checks.finite("threshold", threshold);
        }
    }

    /** An alert without amount and currency, as the contract had it before they were added. */
    public Alert(
            String alertId,
            String accountId,
            String transactionId,
            List<String> relatedTransactionIds,
            Instant eventTime,
            Instant detectedAt,
            double score,
            Severity severity,
            Action action,
            List<Reason> reasons,
            String ruleVersion,
            boolean late,
            String terminalId,
            String merchantId) {
        this(
                alertId,
                accountId,
                transactionId,
                relatedTransactionIds,
                eventTime,
                detectedAt,
                score,
                severity,
                action,
                reasons,
                ruleVersion,
                late,
                terminalId,
                merchantId,
                null,
                null);
    }

    /** An alert without terminal and merchant, as the contract had it before they were added. */
    public Alert(
            String alertId,
            String accountId,
            String transactionId,
            List<String> relatedTransactionIds,
            Instant eventTime,
            Instant detectedAt,
            double score,
            Severity severity,
            Action action,
            List<Reason> reasons,
            String ruleVersion,
            boolean late) {
        this(
                alertId,
                accountId,
                transactionId,
                relatedTransactionIds,
                eventTime,
                detectedAt,
                score,
                severity,
                action,
                reasons,
                ruleVersion,
                late,
                null,
                null,
                null,
                null);
    }

    /**
     * Validates every field and copies the lists.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public Alert {
        Checks.id("alertId", alertId);
        Checks.id("accountId", accountId);
        Checks.id("transactionId", transactionId);
        Checks.required("relatedTransactionIds", relatedTransactionIds);
        if (relatedTransactionIds.size() > MAX_RELATED_TRANSACTIONS) {
            throw new InvalidEventException(
                    "relatedTransactionIds",
                    "more than "
                            + MAX_RELATED_TRANSACTIONS
                            + " entries, was "
                            + relatedTransactionIds.size());
        }
        for (int i = 0; i < relatedTransactionIds.size(); i++) {
            Checks.id("relatedTransactionIds[" + i + "]", relatedTransactionIds.get(i));
        }
        relatedTransactionIds = List.copyOf(relatedTransactionIds);
        Checks.instant("eventTime", eventTime);
        Checks.instant("detectedAt", detectedAt);
        Checks.inRange("score", score, 0, 1);
        Checks.required("severity", severity);
        Checks.required("action", action);
        Checks.required("reasons", reasons);
        if (reasons.isEmpty()) {
            throw new InvalidEventException("reasons", "must not be empty");
        }
        if (reasons.size() > MAX_REASONS) {
            throw new InvalidEventException(
                    "reasons", "more than " + MAX_REASONS + " entries, was " + reasons.size());
        }
        for (int i = 0; i < reasons.size(); i++) {
            Checks.required("reasons[" + i + "]", reasons.get(i));
        }
        reasons = List.copyOf(reasons);
        Checks.id("ruleVersion", ruleVersion);
        Checks.optionalId("terminalId", terminalId);
        Checks.optionalId("merchantId", merchantId);
        if (amount != null) {
            amount = Transaction.checkAmount(amount);
            Transaction.checkCurrency(currency);
        } else if (currency != null) {
            throw new InvalidEventException("amount", "required with a currency");
        }
    }
}
