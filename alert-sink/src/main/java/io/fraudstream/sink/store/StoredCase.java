package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import java.time.Instant;

/**
 * A case as stored: the alerts of one account close together in time, reviewed as one.
 *
 * @param caseId {@code case-<id of its first alert>}
 * @param accountId the account
 * @param status where it stands
 * @param firstEventTime the earliest triggering transaction of its alerts
 * @param lastEventTime the latest
 * @param openedAt when its first alert was stored
 * @param updatedAt when it last changed
 * @param alertCount how many alerts it holds
 * @param maxScore the highest score of its alerts
 * @param maxSeverity the highest severity of its alerts
 * @param escalated whether the cardholder said "not me": first in the analysts' queue
 * @param awaitingCustomerUntil until when it waits for the cardholder's answer before the analysts'
 *     queue shows it, or {@code null} when it does not wait
 * @param customerAnswer the cardholder's answer, or {@code null}
 * @param customerAnsweredAt when, or {@code null}
 * @param assignee the analyst it is assigned to, or {@code null}
 * @param assignedAt when, or {@code null}
 * @param resolution the decision, or {@code null}
 * @param resolvedBy who decided, or {@code null}
 * @param resolvedAt when, or {@code null}
 */
public record StoredCase(
        String caseId,
        String accountId,
        CaseStatus status,
        Instant firstEventTime,
        Instant lastEventTime,
        Instant openedAt,
        Instant updatedAt,
        int alertCount,
        double maxScore,
        Alert.Severity maxSeverity,
        boolean escalated,
        Instant awaitingCustomerUntil,
        CustomerAnswer customerAnswer,
        Instant customerAnsweredAt,
        String assignee,
        Instant assignedAt,
        Verdict.Label resolution,
        String resolvedBy,
        Instant resolvedAt) {

    /** Whether the analysts' queue shows it at {@code now}: not waiting for the cardholder. */
    public boolean inAnalystQueue(Instant now) {
        return status != CaseStatus.RESOLVED
                && (escalated
                        || awaitingCustomerUntil == null
                        || !now.isBefore(awaitingCustomerUntil));
    }
}
