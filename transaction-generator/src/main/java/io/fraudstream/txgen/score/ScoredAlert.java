package io.fraudstream.txgen.score;

import io.fraudstream.events.Alert;
import java.time.Instant;

/**
 * The part of an {@link Alert} the scorer uses, with when it was received.
 *
 * @param alertId the deduplication key
 * @param accountId the card
 * @param transactionId the triggering transaction
 * @param eventTime event time of the triggering transaction
 * @param detectedAt the job's wall clock when it raised the alert
 * @param score risk score in [0, 1]
 * @param recordTimestamp the Kafka record timestamp of the earliest copy read, or null (from a
 *     file)
 */
public record ScoredAlert(
        String alertId,
        String accountId,
        String transactionId,
        Instant eventTime,
        Instant detectedAt,
        double score,
        Instant recordTimestamp)
        implements Ranked {

    static ScoredAlert of(Alert alert, Instant recordTimestamp) {
        return new ScoredAlert(
                alert.alertId(),
                alert.accountId(),
                alert.transactionId(),
                alert.eventTime(),
                alert.detectedAt(),
                alert.score(),
                recordTimestamp);
    }

    ScoredAlert withRecordTimestamp(Instant at) {
        return new ScoredAlert(alertId, accountId, transactionId, eventTime, detectedAt, score, at);
    }
}
