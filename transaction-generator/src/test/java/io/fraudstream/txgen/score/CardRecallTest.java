package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.events.Alert;
import io.fraudstream.events.GroundTruth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardRecallTest extends ScoringTestBase {

    /*
     * P (card-testing): frauds 10:00, 10:30; alerts 09:00 (before, ignored) and 10:20: delay 20m.
     * Q (compromised-card): fraud 12:00; only alert 11:59, before it: not detected.
     * R (compromised-card): frauds 08:00, 09:00; alert next day 08:59, within last fraud + 1d:
     *   delay 24h59m.
     * S (card-testing): fraud 15:00; alert 15:00:05 on a genuine transaction: delay 5s.
     * T (velocity-burst first, then handbook-high-amount): alert 16:10: delay 10m.
     * U: two frauds at 17:00, u1 (alpha) and u2 (zeta): first fraud is u1, scenario alpha; no
     *   alert.
     */
    static final List<GroundTruth> LABELS =
            List.of(
                    fraud("p1", "P", at(DAY_1, "10:00:00"), "card-testing"),
                    fraud("p2", "P", at(DAY_1, "10:30:00"), "card-testing"),
                    fraud("q1", "Q", at(DAY_1, "12:00:00"), "compromised-card"),
                    fraud("r1", "R", at(DAY_1, "08:00:00"), "compromised-card"),
                    fraud("r2", "R", at(DAY_1, "09:00:00"), "compromised-card"),
                    genuine("s0", "S", at(DAY_1, "15:00:05")),
                    fraud("s1", "S", at(DAY_1, "15:00:00"), "card-testing"),
                    fraud("t1", "T", at(DAY_1, "16:00:00"), "velocity-burst"),
                    fraud("t2", "T", at(DAY_1, "16:10:00"), "handbook-high-amount"),
                    fraud("u2", "U", at(DAY_1, "17:00:00"), "zeta"),
                    fraud("u1", "U", at(DAY_1, "17:00:00"), "alpha"));

    static final List<Alert> ALERTS =
            List.of(
                    alert("ap0", "P", "p0", at(DAY_1, "09:00:00")),
                    alert("ap1", "P", "px", at(DAY_1, "10:20:00")),
                    alert("aq", "Q", "q0", at(DAY_1, "11:59:00")),
                    alert("ar", "R", "r9", at(DAY_2, "08:59:00")),
                    alert("as", "S", "s0", at(DAY_1, "15:00:05")),
                    alert("at", "T", "t2", at(DAY_1, "16:10:00")));

    static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();
    static final long TEN_MINUTES = Duration.ofMinutes(10).toNanos();
    static final long TWENTY_MINUTES = Duration.ofMinutes(20).toNanos();
    static final long DAY_MINUS_A_MINUTE = Duration.ofHours(24).plusMinutes(59).toNanos();

    @Test
    void aCardIsDetectedByAnAlertFromItsFirstFraudToItsLastPlusGrace() {
        ScoreReport.CardScore cards = score(ALERTS, LABELS).cards();

        assertThat(cards.compromised()).isEqualTo(6);
        assertThat(cards.detected()).isEqualTo(4); // P, R, S, T
        assertThat(cards.recall()).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void anAlertBeforeTheFirstFraudDoesNotDetect() {
        List<GroundTruth> labels = List.of(fraud("q1", "Q", at(DAY_1, "12:00:00"), "x"));
        List<Alert> alerts = List.of(alert("aq", "Q", "q0", at(DAY_1, "11:59:59")));

        ScoreReport.CardScore cards = score(alerts, labels).cards();

        assertThat(cards.detected()).isZero();
        assertThat(cards.detectionDelay().count()).isZero();
        assertThat(cards.detectionDelay().p50()).isNull();
    }

    @Test
    void anAlertAfterTheGraceWindowDoesNotDetect() {
        ScoreSettings oneHour =
                new ScoreSettings(100, null, null, Duration.ofHours(1), LatencyClock.DETECTED_AT);

        ScoreReport.CardScore cards = score(ALERTS, LABELS, oneHour).cards();

        assertThat(cards.detected()).isEqualTo(3); // R's alert is 23h59m after its last fraud
        assertThat(cards.recall()).isEqualTo(0.5);
    }

    @Test
    void detectionDelayRunsFromTheFirstFraudToTheFirstQualifyingAlert() {
        DurationSummary delay = score(ALERTS, LABELS).cards().detectionDelay();

        // sorted: 5s, 10m, 20m, 24h59m; nearest rank of 4 values: p50 -> 2nd, p90 -> 4th
        assertThat(delay.count()).isEqualTo(4);
        assertThat(delay.p50()).isEqualTo(TEN_MINUTES);
        assertThat(delay.p90()).isEqualTo(DAY_MINUS_A_MINUTE);
        assertThat(delay.p99()).isEqualTo(DAY_MINUS_A_MINUTE);
        assertThat(delay.max()).isEqualTo(DAY_MINUS_A_MINUTE);
    }

    @Test
    void cardsCountUnderTheScenarioOfTheirFirstFraud() {
        ScoreReport report = score(ALERTS, LABELS);

        ScoreReport.CardScore cardTesting = scenario(report, "card-testing").cards();
        assertThat(cardTesting.compromised()).isEqualTo(2);
        assertThat(cardTesting.detected()).isEqualTo(2);
        assertThat(cardTesting.detectionDelay().p50()).isEqualTo(FIVE_SECONDS);
        assertThat(cardTesting.detectionDelay().max()).isEqualTo(TWENTY_MINUTES);

        ScoreReport.CardScore compromisedCard = scenario(report, "compromised-card").cards();
        assertThat(compromisedCard.compromised()).isEqualTo(2);
        assertThat(compromisedCard.detected()).isEqualTo(1);
        assertThat(compromisedCard.recall()).isEqualTo(0.5);
        assertThat(compromisedCard.detectionDelay().p50()).isEqualTo(DAY_MINUS_A_MINUTE);

        assertThat(scenario(report, "velocity-burst").cards().detectionDelay().p50())
                .isEqualTo(TEN_MINUTES);
        assertThat(scenario(report, "alpha").cards().compromised()).isEqualTo(1);
        assertThat(scenario(report, "alpha").cards().recall()).isEqualTo(0.0);

        ScoreReport.ScenarioScore zeta = scenario(report, "zeta");
        assertThat(zeta.fraud()).isEqualTo(1);
        assertThat(zeta.cards().compromised()).isZero();
        assertThat(zeta.cards().recall()).isNull();
        assertThat(scenario(report, "handbook-high-amount").cards().compromised()).isZero();
    }
}
