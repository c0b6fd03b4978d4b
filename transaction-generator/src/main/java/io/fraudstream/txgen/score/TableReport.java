package io.fraudstream.txgen.score;

import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.CardScore;
import io.fraudstream.txgen.score.ScoreReport.Chargebacks;
import io.fraudstream.txgen.score.ScoreReport.Day;
import io.fraudstream.txgen.score.ScoreReport.Latency;
import io.fraudstream.txgen.score.ScoreReport.Ranking;
import io.fraudstream.txgen.score.ScoreReport.ScenarioScore;
import io.fraudstream.txgen.score.ScoreReport.Scores;
import io.fraudstream.txgen.score.ScoreReport.Week;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link ScoreReport} as tables for people, followed by the {@link Legend}. */
public final class TableReport {

    /** The row of all scenarios together. */
    static final String ALL = "all";

    private TableReport() {}

    public static void write(ScoreReport report, PrintWriter out) {
        int nameWidth =
                Math.max(
                        12,
                        report.scenarios().stream()
                                .mapToInt(s -> s.scenario().length())
                                .max()
                                .orElse(0));
        inputs(report, out);
        transactions(report, out, nameWidth);
        cards(report, out, nameWidth);
        if (report.chargebacks() != null) {
            cardsAfterChargeback(report, out, nameWidth);
        }
        latency(report.latency(), out);
        cardPrecision(report.cardPrecision(), "from alerts", out);
        if (report.scores() != null) {
            scores(report.scores(), out);
        }
        out.println();
        out.printf(Locale.ROOT, Legend.TEXT);
        out.flush();
    }

    private static void inputs(ScoreReport report, PrintWriter out) {
        ScoreReport.AlertSummary a = report.alerts();
        ScoreReport.LabelSummary l = report.labels();
        out.println("INPUTS");
        out.printf(
                Locale.ROOT,
                "  alerts: %s: %,d records, %,d distinct, %,d duplicates, %,d malformed"
                        + " skipped%n",
                a.source(),
                a.records(),
                a.distinct(),
                a.duplicates(),
                a.skippedBad());
        out.printf(
                Locale.ROOT,
                "  labels: %s: %,d records, %,d fraudulent transactions, %,d genuine labels,"
                        + " %,d duplicates, %,d malformed skipped%n",
                l.source(),
                l.records(),
                l.fraud(),
                l.genuine(),
                l.duplicates(),
                l.skippedBad());
        Scores sc = report.scores();
        if (sc != null) {
            out.printf(
                    Locale.ROOT,
                    "  scores: %s: %,d records, %,d distinct transactions, %,d duplicates, %,d"
                            + " malformed skipped%n",
                    sc.source(),
                    sc.records(),
                    sc.distinct(),
                    sc.duplicates(),
                    sc.skippedBad());
        }
        Chargebacks cb = report.chargebacks();
        if (cb != null) {
            out.printf(
                    Locale.ROOT,
                    "  verdicts: %s: %,d records, %,d terminals with a FRAUD verdict, %,d malformed"
                            + " skipped%n",
                    cb.source(),
                    cb.records(),
                    cb.terminals(),
                    cb.skippedBad());
        }
    }

    private static void transactions(ScoreReport report, PrintWriter out, int nameWidth) {
        ScoreReport.TransactionScore t = report.transactions();
        out.println();
        out.printf(
                Locale.ROOT,
                "TRANSACTIONS  (%,d alerted, %,d of them without a label)%n",
                t.alerted(),
                t.alertedUnlabelled());
        String row = "%-" + nameWidth + "s %10s %10s %10s %10s %10s %10s %10s%n";
        out.printf(
                Locale.ROOT,
                row,
                "scenario",
                "fraud",
                "TP",
                "FN",
                "FP",
                "precision",
                "recall",
                "F1");
        Confusion c = t.confusion();
        out.printf(
                Locale.ROOT,
                row,
                ALL,
                count(t.fraud()),
                count(c.tp()),
                count(c.fn()),
                count(c.fp()),
                ratio(c.precision()),
                ratio(c.recall()),
                ratio(c.f1()));
        for (ScenarioScore s : report.scenarios()) {
            Confusion sc = s.confusion();
            out.printf(
                    Locale.ROOT,
                    row,
                    s.scenario(),
                    count(s.fraud()),
                    count(sc.tp()),
                    count(sc.fn()),
                    count(sc.fp()),
                    ratio(sc.precision()),
                    ratio(sc.recall()),
                    ratio(sc.f1()));
        }
        out.printf(
                Locale.ROOT,
                "alert level: %,d alerts, %,d on fraudulent transactions, alert precision %s%n",
                report.alerts().distinct(),
                report.alerts().onFraud(),
                ratio(report.alerts().precision()).trim());
    }

    private static void cards(ScoreReport report, PrintWriter out, int nameWidth) {
        out.println();
        out.printf(
                Locale.ROOT,
                "CARDS  (card grace %s; detection delay in event time)%n",
                Elapsed.format(report.cardGrace().toNanos()));
        String row = "%-" + nameWidth + "s %11s %9s %8s %9s %10s %10s %10s %10s %10s%n";
        out.printf(
                Locale.ROOT,
                row,
                "scenario",
                "compromised",
                "detected",
                "recall",
                "delay n",
                "p50",
                "p90",
                "p99",
                "p99.9",
                "max");
        cardRow(out, row, ALL, report.cards());
        for (ScenarioScore s : report.scenarios()) {
            cardRow(out, row, s.scenario(), s.cards());
        }
    }

    private static void cardsAfterChargeback(ScoreReport report, PrintWriter out, int nameWidth) {
        out.println();
        out.println(
                "CARDS AFTER THE TERMINAL'S FIRST FRAUD VERDICT  (frauds at a terminal from its"
                        + " first FRAUD verdict's decidedAt on)");
        String row = "%-" + nameWidth + "s %11s %9s %8s %9s %10s %10s %10s %10s %10s%n";
        out.printf(
                Locale.ROOT,
                row,
                "scenario",
                "cards",
                "detected",
                "recall",
                "delay n",
                "p50",
                "p90",
                "p99",
                "p99.9",
                "max");
        cardRow(out, row, ALL, report.chargebacks().cards());
        for (ScenarioScore s : report.scenarios()) {
            if (s.afterChargeback().compromised() > 0) {
                cardRow(out, row, s.scenario(), s.afterChargeback());
            }
        }
    }

    private static void scores(Scores sc, PrintWriter out) {
        out.println();
        StringBuilder decisions = new StringBuilder();
        sc.decisions()
                .forEach(
                        (d, n) ->
                                decisions.append(
                                        String.format(Locale.ROOT, ", %s %,d", d.name(), n)));
        out.printf(
                Locale.ROOT,
                "SCORES  (%,d transactions scored%s; fraud: %,d scored, %,d without a score)%n",
                sc.distinct(),
                decisions,
                sc.fraudScored(),
                sc.fraudUnscored());
        out.printf(
                Locale.ROOT,
                "  %,d transactions of cards confirmed compromised (%,d of them fraud) were"
                        + " declined for that and are not ranked%n",
                sc.knownCompromised(),
                sc.knownCompromisedFraud());
        String row = "%-10s %-10s %-10s %12s %8s %8s %8s%n";
        out.printf(Locale.ROOT, row, "period", "from", "to", "transactions", "fraud", "AUC", "AP");
        for (Ranking r : sc.rankings()) {
            out.printf(
                    Locale.ROOT,
                    row,
                    r.period(),
                    r.from() == null ? "n/a" : r.from(),
                    r.to() == null ? "n/a" : r.to(),
                    count(r.transactions()),
                    count(r.fraud()),
                    ratio(r.auc()),
                    ratio(r.averagePrecision()));
        }
        cardPrecision(sc.cardPrecision(), "from every transaction's score", out);
    }

    private static void cardRow(PrintWriter out, String row, String name, CardScore c) {
        DurationSummary d = c.detectionDelay();
        out.printf(
                Locale.ROOT,
                row,
                withSummary(
                        d, name, count(c.compromised()), count(c.detected()), ratio(c.recall())));
    }

    /** The leading cells, then count, p50, p90, p99, p99.9 and max of a duration summary. */
    private static Object[] withSummary(DurationSummary d, Object... leading) {
        Object[] cells = Arrays.copyOf(leading, leading.length + 6);
        int i = leading.length;
        cells[i++] = count(d.count());
        cells[i++] = duration(d.p50());
        cells[i++] = duration(d.p90());
        cells[i++] = duration(d.p99());
        cells[i++] = duration(d.p999());
        cells[i] = duration(d.max());
        return cells;
    }

    private static void latency(Latency latency, PrintWriter out) {
        out.println();
        StringBuilder types = new StringBuilder();
        for (Map.Entry<String, Long> e : latency.recordTimestampTypes().entrySet()) {
            types.append(String.format(Locale.ROOT, ", %s %,d", e.getKey(), e.getValue()));
        }
        out.printf(
                Locale.ROOT,
                "END-TO-END LATENCY  (received = %s%s; wall clock)%n",
                latency.clock().label(),
                types);
        if (latency.clock() == LatencyClock.RECORD_TIMESTAMP
                && latency.recordTimestampTypes().containsKey("CreateTime")) {
            out.println(
                    "note: CreateTime is set by the producer: wall clock only if the job's sink"
                            + " stamps it so");
        }
        if (!latency.available()) {
            out.printf(Locale.ROOT, "not available: %s%n", latency.unavailableReason());
            return;
        }
        DurationSummary d = latency.summary();
        String row = "%10s %10s %10s %10s %10s %10s%n";
        out.printf(Locale.ROOT, row, "count", "p50", "p90", "p99", "p99.9", "max");
        out.printf(Locale.ROOT, row, withSummary(d));
    }

    private static void cardPrecision(CardPrecisionAtK cp, String basis, PrintWriter out) {
        out.println();
        String name = "CP@" + cp.k();
        if (cp.days().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "CARD PRECISION@%d %s  not available: no days to rank%n",
                    cp.k(),
                    basis);
            return;
        }
        out.printf(
                Locale.ROOT,
                "CARD PRECISION@%d %s  (UTC days %s .. %s)%n",
                cp.k(),
                basis,
                cp.from(),
                cp.to());
        String row = "%-10s %8s %12s %8s %10s%n";
        out.printf(Locale.ROOT, row, "date", "ranked", "compromised", "hits", name);
        for (Day d : cp.days()) {
            out.printf(
                    Locale.ROOT,
                    row,
                    d.date(),
                    count(d.ranked()),
                    count(d.compromised()),
                    count(d.hits()),
                    ratio(d.cardPrecision()));
        }
        out.printf(
                Locale.ROOT,
                "%-41s %10s%n",
                "mean over " + cp.days().size() + " day" + (cp.days().size() == 1 ? "" : "s"),
                ratio(cp.mean()));
        out.println();
        String weekRow = "%-10s %-10s %-10s %5s %12s%n";
        out.printf(Locale.ROOT, weekRow, "ISO week", "from", "to", "days", "mean " + name);
        for (Week w : cp.weeks()) {
            out.printf(Locale.ROOT, weekRow, w.week(), w.from(), w.to(), w.days(), ratio(w.mean()));
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String ratio(Double r) {
        return r == null ? "n/a" : String.format(Locale.ROOT, "%.4f", r);
    }

    private static String duration(Long nanos) {
        return nanos == null ? "n/a" : Elapsed.format(nanos);
    }
}
