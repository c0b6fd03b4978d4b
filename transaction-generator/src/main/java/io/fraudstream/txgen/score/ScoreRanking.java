package io.fraudstream.txgen.score;

import io.fraudstream.model.train.RankingMetrics;
import io.fraudstream.txgen.score.ScoreLog.ScoredTransaction;
import io.fraudstream.txgen.score.ScoreReport.Ranking;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well the job's scores rank fraud above genuine transactions: AUC ROC and average precision
 * over the scored transactions of a range of UTC days, and of each ISO week in it.
 */
final class ScoreRanking {

    private ScoreRanking() {}

    /** The range's ranking, then one per ISO week touching the range, in order. */
    static List<Ranking> compute(
            Collection<ScoredTransaction> scores,
            Set<String> frauds,
            LocalDate from,
            LocalDate to) {
        List<ScoredTransaction> inRange = new ArrayList<>();
        Map<String, List<ScoredTransaction>> byWeek = new LinkedHashMap<>();
        Map<String, LocalDate[]> weekDays = new LinkedHashMap<>();
        if (from != null && to != null) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                LocalDate day = d;
                String week = CardPrecision.isoWeek(day);
                byWeek.computeIfAbsent(week, w -> new ArrayList<>());
                weekDays.computeIfAbsent(week, w -> new LocalDate[] {day, day})[1] = day;
            }
            for (ScoredTransaction s : scores) {
                LocalDate day = LocalDate.ofInstant(s.eventTime(), ZoneOffset.UTC);
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    inRange.add(s);
                    byWeek.get(CardPrecision.isoWeek(day)).add(s);
                }
            }
        }
        List<Ranking> rankings = new ArrayList<>();
        rankings.add(ranking("range", from, to, inRange, frauds));
        byWeek.forEach(
                (week, list) -> {
                    LocalDate[] days = weekDays.get(week);
                    rankings.add(ranking(week, days[0], days[1], list, frauds));
                });
        return rankings;
    }

    private static Ranking ranking(
            String period,
            LocalDate from,
            LocalDate to,
            List<ScoredTransaction> list,
            Set<String> frauds) {
        double[] s = new double[list.size()];
        boolean[] y = new boolean[list.size()];
        long fraud = 0;
        for (int i = 0; i < s.length; i++) {
            ScoredTransaction t = list.get(i);
            s[i] = t.score();
            y[i] = frauds.contains(t.transactionId());
            fraud += y[i] ? 1 : 0;
        }
        Double auc = fraud == 0 || fraud == s.length ? null : RankingMetrics.auc(s, y);
        Double ap = fraud == 0 ? null : RankingMetrics.averagePrecision(s, y);
        return new Ranking(period, from, to, s.length, fraud, auc, ap);
    }
}
