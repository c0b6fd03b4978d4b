package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.model.card.Detection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring, suppression, late events and state clean-up around the detectors. */
class CardScorerTest extends DetectorTestBase {

    @Test
    void combinesDetectorsThatFireTogetherByNoisyOr() throws Exception {
        start(config(List.of("amount-anomaly", "card-testing"), Map.of()));
        send("0.50", at(minutes(0)));
        send("0.70", at(minutes(1)));
        // Probes then 1,600 on a new account: card testing and the new-account ceiling both fire.
        send("1600.00", at(minutes(2)));

        Alert alert = alerts().get(0);
        assertThat(alert.reasons())
                .extracting(Alert.Reason::detector)
                .containsExactly("amount-anomaly", "card-testing");
        double amount = Detection.score(0.8, 1600, 1500);
        double testing = Detection.score(0.95, 1600, 100);
        assertThat(alert.score())
                .isEqualTo(
                        Math.round((1 - (1 - amount) * (1 - testing)) * 1_000_000) / 1_000_000.0);
        assertThat(alert.action()).isEqualTo(Alert.Action.BLOCK);
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
    }

    @Test
    void belowTheFlagThresholdNothingIsEmitted() throws Exception {
        start(config(List.of("velocity"), Map.of("scoring.flag-threshold", "0.7")));
        for (int i = 0; i < 6; i++) {
            send("10.00", at(minutes(i)));
        }

        assertThat(alerts()).isEmpty();
    }

    @Test
    void suppressesRepeatsWithinTheCooldownUnlessSeverityRises() throws Exception {
        start("velocity", Map.of());
        for (int i = 0; i < 6; i++) {
            send("10.00", at(seconds(10 * i)));
        }
        assertThat(alerts()).hasSize(1);
        Alert.Severity first = alerts().get(0).severity();

        // The seventh is a little more suspicious but within the same severity band.
        send("10.00", at(seconds(70)));
        assertThat(alerts()).hasSize(1);

        // Far more transactions push the score into a higher band: it goes out despite cooldown.
        for (int i = 8; i <= 40; i++) {
            send("10.00", at(seconds(10 * i)));
        }
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).severity()).isGreaterThan(first);

        // After the cooldown the same severity alerts again.
        for (int i = 0; i < 6; i++) {
            send("10.00", at(minutes(45).plusSeconds(10 * i)));
        }
        assertThat(alerts()).hasSize(3);
    }

    @Test
    void lateTransactionsAreEvaluatedAndTheirAlertsMarked() throws Exception {
        start("card-testing", Map.of());
        harness.watermark(at(minutes(60)).toEpochMilli());

        send("0.50", at(minutes(10)));
        send("300.00", at(minutes(11)));

        assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.late()).isTrue());
    }

    @Test
    void onTimeTransactionsAreNotMarkedLate() throws Exception {
        start("card-testing", Map.of());
        harness.watermark(at(minutes(5)).toEpochMilli());

        send("0.50", at(minutes(10)));
        send("300.00", at(minutes(11)));

        assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.late()).isFalse());
    }

    @Test
    void forgetsAnIdleAccountAfterTheStateTtl() throws Exception {
        start(config(ALL_DETECTORS, Map.of("state.ttl", "2 d")));
        send("10.00", at(minutes(0)));
        send("20.00", at(minutes(30)));
        process(online("acct-2", at(minutes(40)), "10.00"));
        assertThat(keyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.watermark(at(Duration.ofDays(2)).toEpochMilli());
        assertThat(keyedStateEntries()).isEqualTo(2);

        harness.watermark(at(Duration.ofDays(2).plusHours(2)).toEpochMilli());
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsOneCleanupTimerPerAccountWhileActive() throws Exception {
        start(config(ALL_DETECTORS, Map.of()));
        for (int i = 0; i < 200; i++) {
            send("10.00", at(minutes(7L * i)));
        }

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(keyedStateEntries()).isEqualTo(1);
    }

    @Test
    void anAccountSeenAgainOutlivesItsFirstCleanupTimer() throws Exception {
        start(config(ALL_DETECTORS, Map.of("state.ttl", "2 d")));
        send("10.00", at(minutes(0)));
        send("20.00", at(Duration.ofDays(1)));

        // The first timer (due 2 days after the first transaction) fires, sees the account was
        // active since, and re-registers at 2 days after the second one.
        harness.watermark(at(Duration.ofDays(2).plusHours(2)).toEpochMilli());
        assertThat(keyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.watermark(at(Duration.ofDays(3).plusHours(2)).toEpochMilli());
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void alertIdsAreDeterministic() throws Exception {
        start("card-testing", Map.of());
        send("0.50", at(minutes(0)));
        var large = send("300.00", at(minutes(1)));

        String expected = CardScorer.alertId("rules-v1", ACCOUNT, large.transactionId());
        assertThat(alerts().get(0).alertId()).isEqualTo(expected);
        assertThat(CardScorer.alertId("rules-v1", ACCOUNT, large.transactionId()))
                .isEqualTo(expected)
                .isNotEqualTo(CardScorer.alertId("rules-v2", ACCOUNT, large.transactionId()));
    }
}
