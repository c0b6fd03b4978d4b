package io.fraudstream.events;

import java.time.Instant;

/**
 * One rule's hit on one transaction, on the {@code fraud-rule-hits} topic (key: the rule id):
 * active hits also join the transaction's decision, shadow hits only ever go here.
 *
 * @param ruleId the rule
 * @param ruleVersion the version that hit
 * @param shadow whether the rule ran in {@code SHADOW} mode (never alerting)
 * @param transactionId the transaction that hit
 * @param accountId its account
 * @param eventTime its event time
 * @param value the rule's aggregate over its window, this transaction included
 * @param threshold the rule's threshold
 * @param message the reason, naming the value, the threshold and the window
 */
public record RuleHit(
        String ruleId,
        int ruleVersion,
        boolean shadow,
        String transactionId,
        String accountId,
        Instant eventTime,
        double value,
        double threshold,
        String message) {

    public RuleHit {
        Checks.id("ruleId", ruleId);
        if (ruleVersion < 1) {
            throw new InvalidEventException("ruleVersion", "below 1: " + ruleVersion);
        }
        Checks.id("transactionId", transactionId);
        Checks.id("accountId", accountId);
        Checks.instant("eventTime", eventTime);
        Checks.finite("value", value);
        Checks.finite("threshold", threshold);
        Checks.text(
                "message",
                Checks.required("message", message),
                Alert.Reason.MAX_MESSAGE_LENGTH,
                false);
    }
}
