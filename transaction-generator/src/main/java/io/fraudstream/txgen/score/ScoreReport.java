package io.fraudstream.txgen.score;

import io.fraudstream.events.TransactionScore.Decision;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code txgen score} reports: how alerts compare with the ground truth per transaction,
 * per card and per scenario, how fast detection was, and the handbook's Card Precision@k. {@link
 * Legend} defines every number; ratios are {@code null} where undefined.
 *
 * @param alerts what was read on the alert side
 * @param labels what was read on the label side
 * @param transactions transaction-level counts and ratios over all scenarios
 * @param cardGrace how long after a card's last fraud an alert still detected it
 * @param cards card-level recall and detection delay over all scenarios
 * @param scenarios the same per fraud scenario, sorted by name
 * @param latency end-to-end latency
 * @param cardPrecision Card Precision@k per day, week and over the range, from the alerts
 * @param scores the job's per-transaction scores and their ranking quality, or null without a score
 *     input
 * @param chargebacks card recall after the terminal's first FRAUD verdict, or null without a
 *     verdict input
 */
public record ScoreReport(
        AlertSummary alerts,
        LabelSummary labels,
        TransactionScore transactions,
        Duration cardGrace,
        CardScore cards,
        List<ScenarioScore> scenarios,
        Latency latency,
        CardPrecisionAtK cardPrecision,
        Scores scores,
        Chargebacks chargebacks) {

    public ScoreReport {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * @param source where the alerts came from
     * @param records valid alert records read, duplicates included
     * @param skippedBad malformed records skipped ({@code --skip-bad})
     * @param distinct distinct alert ids
     * @param duplicates records repeating an alert id
     * @param onFraud distinct alerts whose triggering transaction is labelled fraud
     */
    public record AlertSummary(
            String source,
            long records,
            long skippedBad,
            long distinct,
            long duplicates,
            long onFraud) {

        /** Alert-level precision: onFraud / distinct. */
        public Double precision() {
            return Ratios.ratio(onFraud, distinct);
        }
    }

    /**
     * @param source where the labels came from
     * @param records valid label records read
     * @param skippedBad malformed records skipped ({@code --skip-bad})
     * @param fraud distinct transactions labelled fraud
     * @param genuine label records that say genuine
     * @param duplicates records repeating the label of a fraudulent or alerted transaction
     */
    public record LabelSummary(
            String source,
            long records,
            long skippedBad,
            long fraud,
            long genuine,
            long duplicates) {}

    /**
     * @param fraud distinct fraudulent transactions
     * @param alerted distinct transactions that triggered an alert
     * @param alertedUnlabelled alerted transactions without any label (counted genuine)
     * @param confusion TP, FP, FN and their ratios
     */
    public record TransactionScore(
            long fraud, long alerted, long alertedUnlabelled, Confusion confusion) {}

    /**
     * @param compromised cards with at least one fraud label
     * @param detected compromised cards with an alert in [first fraud, last fraud + grace]
     * @param detectionDelay first such alert's event time minus the first fraud's, per detected
     *     card
     */
    public record CardScore(long compromised, long detected, DurationSummary detectionDelay) {

        /** detected / compromised. */
        public Double recall() {
            return Ratios.ratio(detected, compromised);
        }
    }

    /**
     * @param scenario the scenario name, as in the labels
     * @param fraud fraudulent transactions of this scenario
     * @param confusion TP and FN of this scenario; FP of all alerted non-fraud transactions
     * @param cards cards whose first fraud is of this scenario
     * @param afterChargeback cards whose first fraud at a confirmed terminal is of this scenario,
     *     or null without a verdict input
     */
    public record ScenarioScore(
            String scenario,
            long fraud,
            Confusion confusion,
            CardScore cards,
            CardScore afterChargeback) {}

    /**
     * @param source where the scores came from
     * @param records valid score records read, duplicates included
     * @param skippedBad malformed records skipped ({@code --skip-bad})
     * @param distinct distinct transactions scored
     * @param duplicates records repeating a transaction id
     * @param decisions distinct scored transactions per decision
     * @param fraudScored fraudulent transactions with a score
     * @param fraudUnscored fraudulent transactions without one
     * @param knownCompromised transactions declined because a verdict had confirmed the card
     *     compromised: the card is blocked, so they are left out of the rankings
     * @param knownCompromisedFraud those labelled fraud
     * @param rankings AUC and average precision over the range, then per ISO week, of the other
     *     scored transactions
     * @param cardPrecision Card Precision@k from the other transactions' scores
     */
    public record Scores(
            String source,
            long records,
            long skippedBad,
            long distinct,
            long duplicates,
            Map<Decision, Long> decisions,
            long fraudScored,
            long fraudUnscored,
            long knownCompromised,
            long knownCompromisedFraud,
            List<Ranking> rankings,
            CardPrecisionAtK cardPrecision) {

        public Scores {
            decisions = Collections.unmodifiableMap(new EnumMap<>(decisions));
            rankings = List.copyOf(rankings);
        }
    }

    /**
     * @param period {@code range} or an ISO week such as {@code 2018-W20}
     * @param from first UTC day
     * @param to last UTC day, inclusive
     * @param transactions scored transactions with an event time in the period
     * @param fraud those labelled fraud
     * @param auc area under the ROC curve, or null without both classes
     * @param averagePrecision average precision, or null without fraud
     */
    public record Ranking(
            String period,
            LocalDate from,
            LocalDate to,
            long transactions,
            long fraud,
            Double auc,
            Double averagePrecision) {}

    /**
     * @param source where the verdicts came from
     * @param records valid verdict records read
     * @param skippedBad malformed records skipped
     * @param terminals terminals with at least one FRAUD verdict
     * @param cards cards defrauded at a terminal after its first FRAUD verdict's decidedAt, and how
     *     many of them were detected from then on
     */
    public record Chargebacks(
            String source, long records, long skippedBad, long terminals, CardScore cards) {}

    /**
     * @param clock which clock said when an alert was received
     * @param recordTimestampTypes alert records per Kafka timestamp type (empty for a file)
     * @param summary the latencies; count 0 when none could be measured
     * @param unavailableReason why none could be measured, or null
     */
    public record Latency(
            LatencyClock clock,
            Map<String, Long> recordTimestampTypes,
            DurationSummary summary,
            String unavailableReason) {

        public Latency {
            recordTimestampTypes = Map.copyOf(recordTimestampTypes);
        }

        public boolean available() {
            return summary.count() > 0;
        }
    }

    /**
     * @param k cards ranked per day
     * @param from first day of the range, or null when there was nothing to rank
     * @param to last day of the range (inclusive), or null
     * @param days one entry per day of the range, in order
     * @param weeks one entry per ISO week touching the range, in order
     */
    public record CardPrecisionAtK(
            int k, LocalDate from, LocalDate to, List<Day> days, List<Week> weeks) {

        public CardPrecisionAtK {
            days = List.copyOf(days);
            weeks = List.copyOf(weeks);
        }

        /** Mean Card Precision@k over the days of the range, or null for an empty range. */
        public Double mean() {
            return days.isEmpty()
                    ? null
                    : days.stream().mapToDouble(Day::cardPrecision).average().orElseThrow();
        }
    }

    /**
     * @param date the UTC day
     * @param ranked cards in the day's top k (at most k)
     * @param compromised cards with a fraud label that day, not detected on an earlier day
     * @param hits compromised cards among the ranked ones
     * @param cardPrecision hits / k
     */
    public record Day(
            LocalDate date, int ranked, int compromised, int hits, double cardPrecision) {}

    /**
     * @param week ISO week, such as {@code 2018-W14}
     * @param from its first day within the range
     * @param to its last day within the range
     * @param days days of the range in that week
     * @param mean mean Card Precision@k over those days
     */
    public record Week(String week, LocalDate from, LocalDate to, int days, double mean) {}
}
