package io.fraudstream.stack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bench's results: each drain printed as it is measured, so a later failure loses nothing, then
 * the side-by-side table with every run, the medians, the ratios and the state per key.
 */
final class BenchReport {

    private final PrintStream out;
    private final Map<String, List<BenchThroughput.Result>> runs = new LinkedHashMap<>();

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void add(BenchThroughput.Result result) {
        runs.computeIfAbsent(result.job().label(), k -> new ArrayList<>()).add(result);
        out.printf(
                Locale.ROOT,
                "  %-26s %,10.0f tx/s  (%,d tx in %.2f s; %,d output records; job %s)%n",
                result.job().label(),
                result.rate(),
                result.records(),
                result.seconds(),
                result.output(),
                result.jobId());
    }

    /** The median rate of a job's runs; 0 for a job that did not run. */
    double median(String label) {
        List<Double> rates =
                runs.getOrDefault(label, List.of()).stream()
                        .map(BenchThroughput.Result::rate)
                        .sorted()
                        .toList();
        if (rates.isEmpty()) {
            return 0;
        }
        int n = rates.size();
        return n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
    }

    void print(String heading, BenchTopics.Distinct distinct) {
        out.println();
        out.println("RESULT (" + heading + ")");
        out.printf(
                Locale.ROOT, "  %-26s %12s  %s%n", "job", "median tx/s", "runs (tx/s, in order)");
        runs.forEach(
                (label, results) ->
                        out.printf(
                                Locale.ROOT,
                                "  %-26s %,12.0f  %s  (%.2f µs per transaction)%n",
                                label,
                                median(label),
                                results.stream()
                                        .map(r -> String.format(Locale.ROOT, "%,.0f", r.rate()))
                                        .collect(Collectors.joining(", ")),
                                1e6 / median(label)));
        String fraud = BenchPeer.fraudJob().label();
        ratio("fraud job / Flink SQL peer", fraud, BenchPeer.sqlPeer().label(), 3.5);
        ratio("fraud job / Flink SQL pass-through", fraud, BenchPeer.sqlPassThrough().label(), 1.0);
        ratio(
                "our pass-through / Flink SQL pass-through",
                BenchPeer.passThrough().label(),
                BenchPeer.sqlPassThrough().label(),
                1.2);
        runs.forEach(
                (label, results) -> {
                    BenchPeer job = results.get(0).job();
                    if (job.fraud() && !label.equals(fraud) && median(fraud) > 0) {
                        double extra = 1e6 / median(label) - 1e6 / median(fraud);
                        out.printf(
                                Locale.ROOT,
                                "  %-42s %.2f x the fraud job; %+.2f µs per transaction%s%n",
                                label,
                                median(label) / median(fraud),
                                extra,
                                job.rules() > 0
                                        ? String.format(
                                                Locale.ROOT,
                                                " (%.2f µs per rule)",
                                                extra / job.rules())
                                        : "");
                    }
                });
        runs.forEach(
                (label, results) -> {
                    Optional<BenchThroughput.Result> measured =
                            results.stream().filter(r -> r.scorerState().isPresent()).findFirst();
                    measured.ifPresent(
                            r ->
                                    out.printf(
                                            Locale.ROOT,
                                            "  state, %-34s %s per account (%,d), %s per terminal"
                                                    + " or merchant (%,d)%n",
                                            label,
                                            perKey(r.scorerState(), distinct.accounts()),
                                            distinct.accounts(),
                                            perKey(r.entityState(), distinct.entities()),
                                            distinct.entities()));
                });
    }

    private void ratio(String name, String numerator, String denominator, double target) {
        if (median(numerator) == 0 || median(denominator) == 0) {
            return;
        }
        double ratio = median(numerator) / median(denominator);
        out.printf(
                Locale.ROOT,
                "  %-42s %.2f x  (target >= %.1f x: %s)%n",
                name,
                ratio,
                target,
                ratio >= target ? "met" : "missed");
    }

    private static String perKey(Optional<Long> bytes, long keys) {
        return bytes.map(b -> String.format(Locale.ROOT, "%.0f B", b / (double) keys))
                .orElse("n/a");
    }
}
