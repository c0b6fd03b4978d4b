package io.fraudstream.txgen.score;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.Day;
import io.fraudstream.txgen.score.ScoreReport.Week;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handbook's Card Precision@k (Le Borgne et al., <i>Reproducible Machine Learning for Credit
 * Card Fraud Detection</i>, {@code card_precision_top_k}), on alerts or on the job's score of every
 * transaction.
 *
 * <p>For each UTC day of the range, in order: a card's score is the highest score of its alerts
 * with an event time that day; cards detected on an earlier day of the range are dropped (the
 * handbook removes them from the day's transactions before ranking); the k highest remain, ties
 * broken by account id ascending; the day's value is the number of those cards with a fraud label
 * that day divided by k, even when fewer than k cards were ranked. Those cards are detected from
 * then on. The handbook's "detected" set grows only with cards it ranked and found compromised, not
 * with every compromised card, and so does this one.
 *
 * <p>Cards without an alert that day have no score and are never ranked. That is the handbook's
 * ranking with score 0 for them whenever at least k cards have an alert that day; on a day with
 * fewer, the handbook would fill the top k with score-0 cards in arbitrary order, some perhaps
 * compromised, where this counts only alerted cards.
 */
final class CardPrecision {

    private static final Comparator<Map.Entry<String, Double>> RANKING =
            Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey());

    private CardPrecision() {}

    static CardPrecisionAtK compute(
            Collection<? extends Ranked> alerts,
            Collection<GroundTruth> frauds,
            LabelIndex labels,
            ScoreSettings settings) {
        LocalDate from = settings.from() != null ? settings.from() : firstDay(alerts, labels);
        LocalDate to = settings.to() != null ? settings.to() : lastDay(alerts, labels);
        if (from == null || to == null || from.isAfter(to)) {
            return new CardPrecisionAtK(settings.k(), from, to, List.of(), List.of());
        }

        Map<LocalDate, Map<String, Double>> scores = new HashMap<>();
        for (Ranked alert : alerts) {
            LocalDate day = day(alert.eventTime());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                scores.computeIfAbsent(day, d -> new HashMap<>())
                        .merge(alert.accountId(), alert.score(), Math::max);
            }
        }
        Map<LocalDate, Set<String>> compromised = new HashMap<>();
        for (GroundTruth fraud : frauds) {
            LocalDate day = day(fraud.timestamp());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                compromised.computeIfAbsent(day, d -> new HashSet<>()).add(fraud.accountId());
            }
        }

        int k = settings.k();
        Set<String> detected = new HashSet<>();
        List<Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Set<String> compromisedToday = new HashSet<>(compromised.getOrDefault(day, Set.of()));
            compromisedToday.removeAll(detected);
            List<String> top =
                    scores.getOrDefault(day, Map.of()).entrySet().stream()
                            .filter(e -> !detected.contains(e.getKey()))
                            .sorted(RANKING)
                            .limit(k)
                            .map(Map.Entry::getKey)
                            .toList();
            List<String> hits = top.stream().filter(compromisedToday::contains).toList();
            detected.addAll(hits);
            days.add(
                    new Day(
                            day,
                            top.size(),
                            compromisedToday.size(),
                            hits.size(),
                            (double) hits.size() / k));
        }
        return new CardPrecisionAtK(k, from, to, days, weeks(days));
    }

    private static List<Week> weeks(List<Day> days) {
        Map<String, List<Day>> byWeek = new LinkedHashMap<>();
        for (Day day : days) {
            byWeek.computeIfAbsent(isoWeek(day.date()), w -> new ArrayList<>()).add(day);
        }
        List<Week> weeks = new ArrayList<>();
        byWeek.forEach(
                (week, inWeek) ->
                        weeks.add(
                                new Week(
                                        week,
                                        inWeek.get(0).date(),
                                        inWeek.get(inWeek.size() - 1).date(),
                                        inWeek.size(),
                                        inWeek.stream()
                                                .mapToDouble(Day::cardPrecision)
                                                .average()
                                                .orElseThrow())));
        return weeks;
    }

    /** ISO-8601 week of a day, such as {@code 2018-W14}. */
    static String isoWeek(LocalDate date) {
        return String.format(
                "%d-W%02d",
                date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate firstDay(Collection<? extends Ranked> alerts, LabelIndex labels) {
        LocalDate first = labels.firstDay();
        for (Ranked alert : alerts) {
            LocalDate day = day(alert.eventTime());
            if (first == null || day.isBefore(first)) {
                first = day;
            }
        }
        return first;
    }

    private static LocalDate lastDay(Collection<? extends Ranked> alerts, LabelIndex labels) {
        LocalDate last = labels.lastDay();
        for (Ranked alert : alerts) {
            LocalDate day = day(alert.eventTime());
            if (last == null || day.isAfter(last)) {
                last = day;
            }
        }
        return last;
    }
}
