package io.fraudstream.events;

import java.time.Instant;
import java.util.Locale;

/**
 * A label for a transaction or an alert, from an analyst, a chargeback or a replay, on the {@code
 * fraud-verdicts} topic; it arrives late and feeds entity risk. Construction validates every field.
 *
 * @param accountId the account, the key of the topic
 * @param transactionId the labelled transaction; may be {@code null} if {@code alertId} is given
 * @param alertId the labelled alert; may be {@code null} if {@code transactionId} is given
 * @param terminalId the terminal involved, or {@code null}
 * @param label fraud or not
 * @param source who decided
 * @param decidedAt when the decision was made
 * @param note free text from the analyst, at most {@value #MAX_NOTE_LENGTH} characters, or {@code
 *     null}
 * @param merchantId the merchant involved, or {@code null}
 * @param eventTime the labelled transaction's event time, or {@code null} when unknown: entity risk
 *     counts the fraud on that day (else on the day it was decided)
 */
public record Verdict(
        String accountId,
        String transactionId,
        String alertId,
        String terminalId,
        Label label,
        Source source,
        Instant decidedAt,
        String note,
        String merchantId,
        Instant eventTime) {

    /** Longest analyst note: a paragraph, not a case file. */
    public static final int MAX_NOTE_LENGTH = 2048;

    /** Whether the labelled activity was fraud. */
    public enum Label {
        FRAUD,
        LEGIT
    }

    /** Who decided; written in lower case on the wire. */
    public enum Source {
        /** A fraud analyst reviewing an alert. */
        ANALYST,
        /** A chargeback from the card scheme, weeks later. */
        CHARGEBACK,
        /** Ground truth replayed from a data set, for evaluation. */
        REPLAY,
        /** The cardholder answering a customer message: "this was not me" or "this was me". */
        CUSTOMER;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** The JSON value, such as {@code analyst}. */
        public String wireName() {
            return wireName;
        }
    }

    /** A verdict without merchant and event time, as the contract had it before they were added. */
    public Verdict(
            String accountId,
            String transactionId,
            String alertId,
            String terminalId,
            Label label,
            Source source,
            Instant decidedAt,
            String note) {
        this(
                accountId,
                transactionId,
                alertId,
                terminalId,
                label,
                source,
                decidedAt,
                note,
                null,
                null);
    }

    /**
     * Validates every field.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public Verdict {
        Checks.id("accountId", accountId);
        if (transactionId == null && alertId == null) {
            throw new InvalidEventException(
                    "transactionId", "required unless alertId is given (one of the two)");
        }
        Checks.optionalId("transactionId", transactionId);
        Checks.optionalId("alertId", alertId);
        Checks.optionalId("terminalId", terminalId);
        Checks.required("label", label);
        Checks.required("source", source);
        Checks.instant("decidedAt", decidedAt);
        if (note != null) {
            Checks.text("note", note, MAX_NOTE_LENGTH, true);
        }
        Checks.optionalId("merchantId", merchantId);
        if (eventTime != null) {
            Checks.instant("eventTime", eventTime);
        }
    }
}
