package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScore.Decision;
import io.fraudstream.events.Verdict;
import io.fraudstream.txgen.score.ScoreReport.Ranking;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job's per-transaction scores in {@code txgen score}: AUC and AP per week, CP@k over every
 * scored card, decisions as alerts, duplicates, and card recall after a terminal's first verdict.
 */
class TransactionScoresTest extends ScoringTestBase {

    static TransactionScore scored(
            String transactionId, String account, Instant at, double score, Decision decision) {
        return new TransactionScore(
                transactionId,
                account,
                "term-1",
                null,
                at,
                score,
                decision,
                "test-model",
                List.of(),
                Map.of());
    }

    static ScoreLog scoreLog(List<TransactionScore> scores) {
        ScoreLog log = new ScoreLog("test scores");
        scores.forEach(s -> log.add(s, null, null));
        return log;
    }

    static ScoreReport report(
            List<TransactionScore> scores,
            List<GroundTruth> labels,
            TerminalVerdicts verdicts,
            ScoreSettings settings) {
        ScoreLog log = scoreLog(scores);
        AlertLog alerts = log.asAlerts();
        return Scorer.score(alerts, labelIndex(alerts, labels), settings, log, verdicts);
    }

    static ScoreSettings settings(int k) {
        return new ScoreSettings(
                k, null, null, ScoreSettings.DEFAULT_CARD_GRACE, LatencyClock.DETECTED_AT);
    }

    @Test
    void aucAndAveragePrecisionPerIsoWeekAndOverTheRange() {
        List<TransactionScore> scores =
                List.of(
                        // W09: one fraud above one genuine: AUC 1, AP 1
                        scored("t1", "a", at(DAY_1, "10:00:00"), 0.8, Decision.REVIEW),
                        scored("t2", "b", at(DAY_1, "11:00:00"), 0.2, Decision.APPROVE),
                        // W10: frauds 0.9 and 0.4, genuine 0.5 and 0.1
                        scored("t3", "c", at(DAY_2, "10:00:00"), 0.9, Decision.DECLINE),
                        scored("t4", "d", at(DAY_2, "11:00:00"), 0.5, Decision.REVIEW),
                        scored("t5", "e", at(DAY_3, "10:00:00"), 0.4, Decision.APPROVE),
                        scored("t6", "f", at(DAY_3, "11:00:00"), 0.1, Decision.APPROVE));
        List<GroundTruth> labels =
                List.of(
                        fraud("t1", "a", at(DAY_1, "10:00:00"), "s"),
                        fraud("t3", "c", at(DAY_2, "10:00:00"), "s"),
                        fraud("t5", "e", at(DAY_3, "10:00:00"), "s"));

        ScoreReport.Scores s = report(scores, labels, null, settings(100)).scores();

        assertThat(s.rankings())
                .extracting(Ranking::period)
                .containsExactly("range", "2026-W09", "2026-W10");
        Ranking w09 = s.rankings().get(1);
        Ranking w10 = s.rankings().get(2);
        assertThat(w09.from()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(w09.transactions()).isEqualTo(2);
        assertThat(w09.auc()).isEqualTo(1.0);
        assertThat(w09.averagePrecision()).isEqualTo(1.0);
        assertThat(w10.from()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(w10.to()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(w10.fraud()).isEqualTo(2);
        // pairs (fraud, genuine): 0.9>0.5, 0.9>0.1, 0.4<0.5, 0.4>0.1
        assertThat(w10.auc()).isEqualTo(0.75);
        // ranked F G F G: precision 1/1 at the first fraud, 2/3 at the second
        assertThat(w10.averagePrecision()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        // range: frauds 0.9 0.8 0.4, genuine 0.5 0.2 0.1: 8 of 9 pairs
        assertThat(s.rankings().get(0).auc()).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(s.decisions())
                .containsEntry(Decision.APPROVE, 3L)
                .containsEntry(Decision.REVIEW, 2L)
                .containsEntry(Decision.DECLINE, 1L);
        assertThat(s.fraudScored()).isEqualTo(3);
        assertThat(s.fraudUnscored()).isZero();
    }

    @Test
    void aWeekWithoutBothClassesHasNoAuc() {
        ScoreReport.Scores s =
                report(
                                List.of(
                                        scored(
                                                "t1",
                                                "a",
                                                at(DAY_1, "10:00:00"),
                                                0.3,
                                                Decision.APPROVE)),
                                List.of(),
                                null,
                                settings(100))
                        .scores();

        assertThat(s.rankings().get(0).auc()).isNull();
        assertThat(s.rankings().get(0).averagePrecision()).isNull();
    }

    @Test
    void cardPrecisionFromScoresRanksEveryCardWithATransactionThatDay() {
        // card a is compromised but only ever APPROVEd: alerts never rank it, scores do
        List<TransactionScore> scores =
                List.of(
                        scored("t1", "a", at(DAY_1, "10:00:00"), 0.45, Decision.APPROVE),
                        scored("t2", "a", at(DAY_1, "12:00:00"), 0.30, Decision.APPROVE),
                        scored("t3", "b", at(DAY_1, "11:00:00"), 0.40, Decision.APPROVE),
                        scored("t4", "c", at(DAY_1, "11:30:00"), 0.20, Decision.APPROVE));
        List<GroundTruth> labels = List.of(fraud("t2", "a", at(DAY_1, "12:00:00"), "s"));

        ScoreReport report = report(scores, labels, null, settings(1));

        assertThat(report.alerts().distinct()).isZero();
        assertThat(report.cardPrecision().days()).allMatch(d -> d.ranked() == 0);
        ScoreReport.Day day = report.scores().cardPrecision().days().get(0);
        assertThat(day.ranked()).isEqualTo(1);
        assertThat(day.hits()).as("card a's day maximum 0.45 tops the day").isEqualTo(1);
        assertThat(day.cardPrecision()).isEqualTo(1.0);
    }

    @Test
    void withoutAlertsReviewAndDeclineCountAsAlertsAndDuplicatesOnce() {
        List<TransactionScore> scores =
                List.of(
                        scored("t1", "a", at(DAY_1, "10:00:00"), 0.9, Decision.DECLINE),
                        scored("t1", "a", at(DAY_1, "10:00:00"), 0.9, Decision.DECLINE),
                        scored("t2", "b", at(DAY_1, "11:00:00"), 0.7, Decision.REVIEW),
                        scored("t3", "c", at(DAY_1, "12:00:00"), 0.1, Decision.APPROVE));
        List<GroundTruth> labels =
                List.of(
                        fraud("t1", "a", at(DAY_1, "10:00:00"), "s"),
                        fraud("t3", "c", at(DAY_1, "12:00:00"), "s"));

        ScoreReport report = report(scores, labels, null, settings(100));

        assertThat(report.scores().records()).isEqualTo(4);
        assertThat(report.scores().duplicates()).isEqualTo(1);
        assertThat(report.scores().distinct()).isEqualTo(3);
        Confusion c = report.transactions().confusion();
        assertThat(c.tp()).isEqualTo(1);
        assertThat(c.fp()).as("t2 REVIEW on a genuine transaction").isEqualTo(1);
        assertThat(c.fn()).as("t3 APPROVEd").isEqualTo(1);
        assertThat(report.cards().detected()).isEqualTo(1);
    }

    @Test
    void aFraudWithoutAScoreIsCounted() {
        ScoreReport report =
                report(
                        List.of(scored("t1", "a", at(DAY_1, "10:00:00"), 0.9, Decision.DECLINE)),
                        List.of(
                                fraud("t1", "a", at(DAY_1, "10:00:00"), "s"),
                                fraud("t9", "z", at(DAY_1, "11:00:00"), "s")),
                        null,
                        settings(100));

        assertThat(report.scores().fraudScored()).isEqualTo(1);
        assertThat(report.scores().fraudUnscored()).isEqualTo(1);
    }

    @Test
    void afterChargebackCountsOnlyCardsDefraudedAtAConfirmedTerminalFromItsFirstVerdict() {
        TerminalVerdicts verdicts = new TerminalVerdicts("test verdicts");
        Instant confirmed = at(DAY_2, "12:00:00");
        verdicts.add(
                new Verdict(
                        "x",
                        "t0",
                        null,
                        "term-1",
                        Verdict.Label.FRAUD,
                        Verdict.Source.CHARGEBACK,
                        confirmed,
                        null));
        verdicts.add(
                new Verdict(
                        "y",
                        "t00",
                        null,
                        "term-2",
                        Verdict.Label.LEGIT,
                        Verdict.Source.ANALYST,
                        at(DAY_1, "00:00:01"),
                        null));
        List<GroundTruth> labels =
                List.of(
                        // before the verdict: not counted
                        fraudAt("f1", "early", at(DAY_2, "11:59:59"), "term-1"),
                        // after it: counted, detected by the DECLINE below
                        fraudAt("f2", "caught", at(DAY_2, "12:00:00"), "term-1"),
                        // after it: counted, never flagged
                        fraudAt("f3", "missed", at(DAY_2, "13:00:00"), "term-1"),
                        // a terminal with only a LEGIT verdict: not counted
                        fraudAt("f4", "other", at(DAY_3, "13:00:00"), "term-2"));
        List<TransactionScore> scores =
                List.of(
                        scored("f1", "early", at(DAY_2, "11:59:59"), 0.9, Decision.DECLINE),
                        scored("f2", "caught", at(DAY_2, "12:00:00"), 0.9, Decision.DECLINE),
                        scored("f3", "missed", at(DAY_2, "13:00:00"), 0.2, Decision.APPROVE),
                        scored("f4", "other", at(DAY_3, "13:00:00"), 0.9, Decision.DECLINE));

        ScoreReport report = report(scores, labels, verdicts, settings(100));

        assertThat(report.chargebacks().terminals()).isEqualTo(1);
        assertThat(report.chargebacks().cards().compromised()).isEqualTo(2);
        assertThat(report.chargebacks().cards().detected()).isEqualTo(1);
        assertThat(scenario(report, "compromised-terminal").afterChargeback().recall())
                .isEqualTo(0.5);
        assertThat(report.cards().compromised()).as("every card still counts overall").isEqualTo(4);
    }

    @Test
    void withoutVerdictsThereIsNoAfterChargebackFigure() {
        ScoreReport report =
                report(
                        List.of(scored("t1", "a", at(DAY_1, "10:00:00"), 0.9, Decision.DECLINE)),
                        List.of(fraud("t1", "a", at(DAY_1, "10:00:00"), "s")),
                        null,
                        settings(100));

        assertThat(report.chargebacks()).isNull();
        assertThat(scenario(report, "s").afterChargeback()).isNull();
    }

    private static GroundTruth fraudAt(String id, String account, Instant at, String terminal) {
        return new GroundTruth(id, account, at, true, "compromised-terminal", terminal, null);
    }
}
