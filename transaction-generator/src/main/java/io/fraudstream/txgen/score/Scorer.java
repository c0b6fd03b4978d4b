package io.fraudstream.txgen.score;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.txgen.score.ScoreReport.AlertSummary;
import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.CardScore;
import io.fraudstream.txgen.score.ScoreReport.Chargebacks;
import io.fraudstream.txgen.score.ScoreReport.LabelSummary;
import io.fraudstream.txgen.score.ScoreReport.Latency;
import io.fraudstream.txgen.score.ScoreReport.ScenarioScore;
import io.fraudstream.txgen.score.ScoreReport.Scores;
import io.fraudstream.txgen.score.ScoreReport.TransactionScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Compares deduplicated alerts with ground-truth labels; {@link Legend} defines each metric. */
public final class Scorer {

    private Scorer() {}

    /** Scores alerts alone, without per-transaction scores or verdicts. */
    public static ScoreReport score(AlertLog alertLog, LabelIndex labels, ScoreSettings settings) {
        return score(alertLog, labels, settings, null, null);
    }

    /**
     * Scores alerts and, when given, the job's per-transaction scores and the card recall after a
     * terminal's first FRAUD verdict.
     *
     * @param scoreLog the job's scores, or null
     * @param verdicts the verdicts the job received, or null
     */
    public static ScoreReport score(
            AlertLog alertLog,
            LabelIndex labels,
            ScoreSettings settings,
            ScoreLog scoreLog,
            TerminalVerdicts verdicts) {
        Collection<ScoredAlert> alerts = alertLog.alerts();
        Set<String> alerted = alertLog.transactionIds();
        List<GroundTruth> frauds = labels.kept().stream().filter(GroundTruth::fraud).toList();

        Map<String, Tally> scenarios = new TreeMap<>();
        Tally all = new Tally();
        for (GroundTruth fraud : frauds) {
            boolean hit = alerted.contains(fraud.transactionId());
            all.transaction(hit);
            scenarios.computeIfAbsent(fraud.scenario(), s -> new Tally()).transaction(hit);
        }
        long fp = alerted.stream().filter(id -> !isFraud(labels.get(id))).count();
        long unlabelled = alerted.stream().filter(id -> labels.get(id) == null).count();
        long alertsOnFraud =
                alerts.stream().filter(a -> isFraud(labels.get(a.transactionId()))).count();

        Map<String, List<Instant>> alertTimes = alertTimesByAccount(alerts);
        for (Card card : cards(frauds)) {
            Duration delay = card.detectionDelay(alertTimes.get(card.accountId), settings);
            all.card(delay);
            scenarios.computeIfAbsent(card.first.scenario(), s -> new Tally()).card(delay);
        }
        Tally allAfter = new Tally();
        Map<String, Tally> after = new TreeMap<>();
        if (verdicts != null) {
            for (Card card : cardsAfterChargeback(frauds, verdicts)) {
                Duration delay = card.detectionDelay(alertTimes.get(card.accountId), settings);
                allAfter.card(delay);
                after.computeIfAbsent(card.first.scenario(), s -> new Tally()).card(delay);
            }
        }

        List<ScenarioScore> perScenario = new ArrayList<>();
        scenarios.forEach(
                (name, t) ->
                        perScenario.add(
                                new ScenarioScore(
                                        name,
                                        t.tp + t.fn,
                                        new Confusion(t.tp, fp, t.fn),
                                        t.cardScore(),
                                        verdicts == null
                                                ? null
                                                : after.getOrDefault(name, new Tally())
                                                        .cardScore())));
        return new ScoreReport(
                new AlertSummary(
                        alertLog.source(),
                        alertLog.records(),
                        alertLog.skippedBadCount(),
                        alerts.size(),
                        alertLog.duplicates(),
                        alertsOnFraud),
                new LabelSummary(
                        labels.source(),
                        labels.records(),
                        labels.skippedBadCount(),
                        frauds.size(),
                        labels.genuineRecords(),
                        labels.duplicates()),
                new TransactionScore(
                        frauds.size(),
                        alerted.size(),
                        unlabelled,
                        new Confusion(all.tp, fp, all.fn)),
                settings.cardGrace(),
                all.cardScore(),
                perScenario,
                latency(alertLog, labels, settings.latencyClock()),
                CardPrecision.compute(alerts, frauds, labels, settings),
                scoreLog == null ? null : scores(scoreLog, frauds, labels, settings),
                verdicts == null
                        ? null
                        : new Chargebacks(
                                verdicts.source(),
                                verdicts.records(),
                                verdicts.skippedBadCount(),
                                verdicts.terminals(),
                                allAfter.cardScore()));
    }

    private static Scores scores(
            ScoreLog log, List<GroundTruth> frauds, LabelIndex labels, ScoreSettings settings) {
        Set<String> fraudIds = new HashSet<>();
        long scored = 0;
        for (GroundTruth fraud : frauds) {
            fraudIds.add(fraud.transactionId());
            scored += log.get(fraud.transactionId()) != null ? 1 : 0;
        }
        long compromised = 0;
        long compromisedFraud = 0;
        for (ScoreLog.ScoredTransaction s : log.scores()) {
            if (s.knownCompromised()) {
                compromised++;
                compromisedFraud += fraudIds.contains(s.transactionId()) ? 1 : 0;
            }
        }
        List<ScoreLog.ScoredTransaction> ranked = log.ranked();
        CardPrecisionAtK cp = CardPrecision.compute(ranked, frauds, labels, settings);
        return new Scores(
                log.source(),
                log.records(),
                log.skippedBadCount(),
                log.scores().size(),
                log.duplicates(),
                log.decisions(),
                scored,
                frauds.size() - scored,
                compromised,
                compromisedFraud,
                ScoreRanking.compute(ranked, fraudIds, cp.from(), cp.to()),
                cp);
    }

    /**
     * Cards defrauded at a terminal after that terminal's first FRAUD verdict was decided: each
     * card's first such fraud opens its window, which ends at its last fraud plus the grace.
     */
    private static Collection<Card> cardsAfterChargeback(
            List<GroundTruth> frauds, TerminalVerdicts verdicts) {
        Map<String, Card> cards = new HashMap<>();
        Map<String, Instant> lastFraud = new HashMap<>();
        for (GroundTruth fraud : frauds) {
            lastFraud.merge(fraud.accountId(), fraud.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            Instant confirmed = verdicts.firstFraud(fraud.terminalId());
            if (confirmed != null && !fraud.timestamp().isBefore(confirmed)) {
                cards.computeIfAbsent(fraud.accountId(), a -> new Card(a, fraud)).add(fraud);
            }
        }
        for (Card card : cards.values()) {
            card.lastFraud = lastFraud.get(card.accountId);
        }
        return cards.values();
    }

    private static boolean isFraud(GroundTruth label) {
        return label != null && label.fraud();
    }

    private static Map<String, List<Instant>> alertTimesByAccount(Collection<ScoredAlert> alerts) {
        Map<String, List<Instant>> times = new HashMap<>();
        for (ScoredAlert alert : alerts) {
            times.computeIfAbsent(alert.accountId(), a -> new ArrayList<>()).add(alert.eventTime());
        }
        times.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return times;
    }

    /** Compromised cards: accounts with a fraud label, with their first and last fraud. */
    private static Collection<Card> cards(List<GroundTruth> frauds) {
        Map<String, Card> cards = new HashMap<>();
        for (GroundTruth fraud : frauds) {
            cards.computeIfAbsent(fraud.accountId(), a -> new Card(a, fraud)).add(fraud);
        }
        return cards.values();
    }

    private static Latency latency(AlertLog alertLog, LabelIndex labels, LatencyClock clock) {
        long[] nanos = new long[alertLog.alerts().size()];
        int n = 0;
        boolean anyProducedAt = false;
        for (ScoredAlert alert : alertLog.alerts()) {
            GroundTruth label = labels.get(alert.transactionId());
            if (label == null || label.producedAt() == null) {
                continue;
            }
            anyProducedAt = true;
            Instant received =
                    clock == LatencyClock.RECORD_TIMESTAMP
                            ? alert.recordTimestamp()
                            : alert.detectedAt();
            if (received != null) {
                nanos[n++] = Duration.between(label.producedAt(), received).toNanos();
            }
        }
        String reason = null;
        if (alertLog.alerts().isEmpty()) {
            reason = "no alerts";
        } else if (!anyProducedAt) {
            reason = "no alerted transaction has a label with producedAt";
        } else if (n == 0) {
            reason = "no alert record has a Kafka timestamp";
        }
        return new Latency(
                clock,
                alertLog.timestampTypes(),
                DurationSummary.of(Arrays.copyOf(nanos, n)),
                reason);
    }

    /** Counts of one scenario, or of all. */
    private static final class Tally {
        long tp;
        long fn;
        long cards;
        final List<Duration> delays = new ArrayList<>();

        void transaction(boolean alerted) {
            if (alerted) {
                tp++;
            } else {
                fn++;
            }
        }

        void card(Duration delayOrNull) {
            cards++;
            if (delayOrNull != null) {
                delays.add(delayOrNull);
            }
        }

        CardScore cardScore() {
            return new CardScore(
                    cards,
                    delays.size(),
                    DurationSummary.of(delays.stream().mapToLong(Duration::toNanos).toArray()));
        }
    }

    /** A compromised card: its first fraud (earliest, then smallest id) and last fraud time. */
    private static final class Card {
        final String accountId;
        GroundTruth first;
        Instant lastFraud;

        Card(String accountId, GroundTruth fraud) {
            this.accountId = accountId;
            this.first = fraud;
            this.lastFraud = fraud.timestamp();
        }

        void add(GroundTruth fraud) {
            int byTime = fraud.timestamp().compareTo(first.timestamp());
            if (byTime < 0
                    || (byTime == 0
                            && fraud.transactionId().compareTo(first.transactionId()) < 0)) {
                first = fraud;
            }
            if (fraud.timestamp().isAfter(lastFraud)) {
                lastFraud = fraud.timestamp();
            }
        }

        /**
         * The event time from the first fraud to the first alert in [first fraud, last fraud +
         * grace], or null when no alert falls in that window.
         */
        Duration detectionDelay(List<Instant> sortedAlertTimes, ScoreSettings settings) {
            if (sortedAlertTimes == null) {
                return null;
            }
            Instant start = first.timestamp();
            Instant end = lastFraud.plus(settings.cardGrace());
            for (Instant at : sortedAlertTimes) {
                if (at.isBefore(start)) {
                    continue;
                }
                return at.isAfter(end) ? null : Duration.between(start, at);
            }
            return null;
        }
    }
}
