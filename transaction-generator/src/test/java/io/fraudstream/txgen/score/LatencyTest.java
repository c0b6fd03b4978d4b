package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyTest extends ScoringTestBase {

    static final Instant PRODUCED = Instant.parse("2026-03-05T09:00:00Z");

    static final List<GroundTruth> LABELS =
            List.of(
                    fraud("t1", "acct-A", DAY_1, "card-testing").producedAt(PRODUCED),
                    genuine("t2", "acct-B", DAY_1).producedAt(PRODUCED.plusSeconds(1)),
                    fraud("t3", "acct-C", DAY_1, "card-testing"));

    /** Detected 120 ms after t1 was produced. */
    static final Alert A1 = alert("a1", "acct-A", "t1", DAY_1, PRODUCED.plusMillis(120), 0.9);

    /** Detected 40 ms after t2 was produced. */
    static final Alert A2 =
            alert("a2", "acct-B", "t2", DAY_1, PRODUCED.plusSeconds(1).plusMillis(40), 0.5);

    /** t3's label has no producedAt, t9 has no label: neither counts. */
    static final List<Alert> UNMEASURABLE =
            List.of(
                    alert("a3", "acct-C", "t3", DAY_1, PRODUCED, 0.9),
                    alert("a4", "acct-D", "t9", DAY_1, PRODUCED, 0.9));

    @Test
    void detectedAtClockMeasuresFromProducedAtToDetectedAt() {
        AlertLog log = alertLog(List.of(A1, A2, UNMEASURABLE.get(0), UNMEASURABLE.get(1)));

        ScoreReport.Latency latency =
                Scorer.score(
                                log,
                                labelIndex(log, LABELS),
                                ScoreSettings.defaults(LatencyClock.DETECTED_AT))
                        .latency();

        assertThat(latency.available()).isTrue();
        assertThat(latency.unavailableReason()).isNull();
        assertThat(latency.summary())
                .isEqualTo(new DurationSummary(2, ms(40), ms(120), ms(120), ms(120), ms(120)));
    }

    @Test
    void recordTimestampClockUsesTheEarliestCopyOfAnAlert() {
        AlertLog log = new AlertLog("topic alerts");
        log.add(A1, PRODUCED.plusMillis(300), "CreateTime");
        log.add(A1, PRODUCED.plusMillis(250), "CreateTime");
        log.add(A2, PRODUCED.plusSeconds(1).plusMillis(90), "LogAppendTime");

        ScoreReport.Latency latency =
                Scorer.score(
                                log,
                                labelIndex(log, LABELS),
                                ScoreSettings.defaults(LatencyClock.RECORD_TIMESTAMP))
                        .latency();

        assertThat(latency.summary())
                .isEqualTo(new DurationSummary(2, ms(90), ms(250), ms(250), ms(250), ms(250)));
        assertThat(latency.recordTimestampTypes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("CreateTime", 2L, "LogAppendTime", 1L));
    }

    @Test
    void notAvailableWithoutProducedAt() {
        ScoreReport.Latency latency = score(UNMEASURABLE, LABELS).latency();

        assertThat(latency.available()).isFalse();
        assertThat(latency.summary().count()).isZero();
        assertThat(latency.unavailableReason())
                .isEqualTo("no alerted transaction has a label with producedAt");
    }

    @Test
    void notAvailableWithoutRecordTimestamps() {
        AlertLog log = alertLog(List.of(A1));

        ScoreReport.Latency latency =
                Scorer.score(
                                log,
                                labelIndex(log, LABELS),
                                ScoreSettings.defaults(LatencyClock.RECORD_TIMESTAMP))
                        .latency();

        assertThat(latency.available()).isFalse();
        assertThat(latency.unavailableReason()).isEqualTo("no alert record has a Kafka timestamp");
    }

    @Test
    void notAvailableWithoutAlerts() {
        assertThat(score(List.of(), LABELS).latency().unavailableReason()).isEqualTo("no alerts");
    }

    private static Long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
