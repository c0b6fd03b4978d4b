package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * An alert as stored, with its review state: what lists and the live feed show.
 *
 * @param alertId the alert id
 * @param accountId the account
 * @param transactionId the triggering transaction
 * @param eventTime the triggering transaction's event time
 * @param detectedAt when the job raised it
 * @param score the risk score
 * @param severity the severity
 * @param action the action
 * @param detectors the detectors that fired, in reason order
 * @param late whether the triggering transaction was late
 * @param status the review state
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param acknowledgedAt when, or {@code null}
 * @param resolution the verdict, or {@code null}
 * @param resolutionNote the analyst's note with the verdict, or {@code null}
 * @param resolvedBy who resolved it, or {@code null}
 * @param resolvedAt when, or {@code null}
 * @param ingestedAt when this service stored it
 * @param caseId the case it belongs to, or {@code null} (alerts stored before cases existed)
 */
public record StoredAlert(
        String alertId,
        String accountId,
        String transactionId,
        Instant eventTime,
        Instant detectedAt,
        double score,
        Alert.Severity severity,
        Alert.Action action,
        List<String> detectors,
        boolean late,
        AlertStatus status,
        String acknowledgedBy,
        Instant acknowledgedAt,
        Verdict.Label resolution,
        String resolutionNote,
        String resolvedBy,
        Instant resolvedAt,
        Instant ingestedAt,
        String caseId) {

    public StoredAlert {
        detectors = List.copyOf(detectors);
    }
}
