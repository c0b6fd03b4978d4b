package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.events.Alert;
import io.fraudstream.events.GroundTruth;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionMetricsTest extends ScoringTestBase {

    /*
     * Frauds: t1, t2 (card-testing, acct-A); t3 (velocity-burst, acct-B); t6, t7 (velocity-burst,
     * acct-D). Genuine: t4, t5 (acct-C). Alerts: a1 on t1 (delivered twice), a2 also on t1, a3 on
     * genuine t4, a4 on t3, a5 on t9 which has no label.
     *
     * Alerted transactions: t1, t3, t4, t9. TP = {t1, t3} = 2, FP = {t4, t9} = 2,
     * FN = {t2, t6, t7} = 3.
     */
    static final List<GroundTruth> LABELS =
            List.of(
                    fraud("t1", "acct-A", at(DAY_1, "10:00:00"), "card-testing"),
                    fraud("t2", "acct-A", at(DAY_1, "10:05:00"), "card-testing"),
                    fraud("t3", "acct-B", at(DAY_1, "11:00:00"), "velocity-burst"),
                    genuine("t4", "acct-C", at(DAY_1, "12:00:00")),
                    genuine("t5", "acct-C", at(DAY_1, "13:00:00")),
                    fraud("t6", "acct-D", at(DAY_1, "14:00:00"), "velocity-burst"),
                    fraud("t7", "acct-D", at(DAY_1, "14:01:00"), "velocity-burst"));

    static final Alert A1 = alert("a1", "acct-A", "t1", at(DAY_1, "10:00:00"));

    static final List<Alert> ALERTS =
            List.of(
                    A1,
                    A1,
                    alert("a2", "acct-A", "t1", at(DAY_1, "10:00:00")),
                    alert("a3", "acct-C", "t4", at(DAY_1, "12:00:00")),
                    alert("a4", "acct-B", "t3", at(DAY_1, "11:00:00")),
                    alert("a5", "acct-E", "t9", at(DAY_1, "15:00:00")));

    @Test
    void countsEachAlertedTransactionOnceDespiteDuplicateAndRepeatedAlerts() {
        ScoreReport report = score(ALERTS, LABELS);

        assertThat(report.transactions().confusion()).isEqualTo(new Confusion(2, 2, 3));
        assertThat(report.transactions().fraud()).isEqualTo(5);
        assertThat(report.transactions().alerted()).isEqualTo(4);
        assertThat(report.transactions().alertedUnlabelled()).isEqualTo(1);
    }

    @Test
    void precisionRecallAndF1FollowFromTheCounts() {
        Confusion c = score(ALERTS, LABELS).transactions().confusion();

        assertThat(c.precision()).isEqualTo(0.5); // 2 / (2 + 2)
        assertThat(c.recall()).isEqualTo(0.4); // 2 / (2 + 3)
        assertThat(c.f1()).isCloseTo(4.0 / 9, within(1e-12)); // 2*2 / (2*2 + 2 + 3)
    }

    @Test
    void alertLevelPrecisionCountsDistinctAlertsOnFraud() {
        ScoreReport.AlertSummary alerts = score(ALERTS, LABELS).alerts();

        assertThat(alerts.records()).isEqualTo(6);
        assertThat(alerts.distinct()).isEqualTo(5);
        assertThat(alerts.duplicates()).isEqualTo(1);
        assertThat(alerts.onFraud()).isEqualTo(3); // a1, a2, a4
        assertThat(alerts.precision()).isEqualTo(0.6);
    }

    @Test
    void scenarioMetricsPitOneScenarioAgainstAllGenuineAlerts() {
        ScoreReport report = score(ALERTS, LABELS);

        ScoreReport.ScenarioScore cardTesting = scenario(report, "card-testing");
        assertThat(cardTesting.fraud()).isEqualTo(2);
        assertThat(cardTesting.confusion()).isEqualTo(new Confusion(1, 2, 1));
        assertThat(cardTesting.confusion().recall()).isEqualTo(0.5);
        assertThat(cardTesting.confusion().precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(cardTesting.confusion().f1()).isEqualTo(0.4); // 2 / (2 + 2 + 1)

        ScoreReport.ScenarioScore velocity = scenario(report, "velocity-burst");
        assertThat(velocity.fraud()).isEqualTo(3);
        assertThat(velocity.confusion()).isEqualTo(new Confusion(1, 2, 2));
        assertThat(velocity.confusion().recall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(velocity.confusion().precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(velocity.confusion().f1()).isCloseTo(1.0 / 3, within(1e-12)); // 2 / 6

        assertThat(report.scenarios())
                .extracting(ScoreReport.ScenarioScore::scenario)
                .containsExactly("card-testing", "velocity-burst");
    }

    @Test
    void transactionsWithoutLabelsAreGenuine() {
        ScoreReport report = score(List.of(alert("a1", "acct-X", "t-unknown", DAY_1)), List.of());

        assertThat(report.transactions().confusion()).isEqualTo(new Confusion(0, 1, 0));
        assertThat(report.transactions().confusion().precision()).isEqualTo(0.0);
        assertThat(report.transactions().confusion().recall()).isNull();
        assertThat(report.transactions().confusion().f1()).isEqualTo(0.0);
    }

    @Test
    void ratiosAreUndefinedWithoutAlertsOrFrauds() {
        ScoreReport report = score(List.of(), List.of(genuine("t1", "acct-A", DAY_1)));

        Confusion c = report.transactions().confusion();
        assertThat(c).isEqualTo(new Confusion(0, 0, 0));
        assertThat(c.precision()).isNull();
        assertThat(c.recall()).isNull();
        assertThat(c.f1()).isNull();
        assertThat(report.alerts().precision()).isNull();
        assertThat(report.scenarios()).isEmpty();
    }

    @Test
    void aTransactionAnyLabelCallsFraudIsFraud() {
        List<GroundTruth> labels =
                List.of(
                        genuine("t1", "acct-A", DAY_1),
                        fraud("t1", "acct-A", DAY_1, "card-testing"),
                        genuine("t1", "acct-A", DAY_1));

        ScoreReport report = score(List.of(alert("a1", "acct-A", "t1", DAY_1)), labels);

        assertThat(report.transactions().confusion()).isEqualTo(new Confusion(1, 0, 0));
        assertThat(report.labels().duplicates()).isEqualTo(2);
        assertThat(report.labels().genuine()).isEqualTo(2);
    }
}
