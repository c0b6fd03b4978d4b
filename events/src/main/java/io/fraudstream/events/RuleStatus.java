package io.fraudstream.events;

import java.time.Instant;

/**
 * What the job made of one rule update, on the compacted {@code fraud-rules-status} topic (key: the
 * rule id): the version it now runs, or why it refused the update and kept what it had.
 *
 * @param ruleId the rule's id, or the record key as received (cut and made printable) when the
 *     update named no valid id
 * @param version the version accepted or refused; 0 when the update had none
 * @param status what the job did
 * @param reason why it refused, naming the field; null unless {@code REJECTED}
 * @param at when the job decided (wall clock)
 */
public record RuleStatus(String ruleId, int version, Status status, String reason, Instant at) {

    /** Longest reason. */
    public static final int MAX_REASON_LENGTH = 1000;

    /** The outcome of an update. */
    public enum Status {
        /** The version is evaluated from now on. */
        ACCEPTED,
        /** The update was refused; the previous version (if any) keeps running. */
        REJECTED,
        /** The rule was deleted (a tombstone); its state is cleaned up. */
        DELETED
    }

    public RuleStatus {
        ruleId = Checks.text("ruleId", Checks.required("ruleId", ruleId), 256, false);
        if (version < 0) {
            throw new InvalidEventException("version", "negative: " + version);
        }
        Checks.required("status", status);
        if (status == Status.REJECTED) {
            reason =
                    Checks.text(
                            "reason", Checks.required("reason", reason), MAX_REASON_LENGTH, true);
        } else if (reason != null) {
            throw new InvalidEventException("reason", "only a rejection has a reason");
        }
        Checks.instant("at", at);
    }
}
