package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bench's report: a job's median over its rounds, the three side-by-side ratios from the
 * medians with their targets, and a variant's cost per transaction and per rule.
 */
class BenchReportTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final BenchReport report =
            new BenchReport(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void mediansAreTheMiddleRoundOrTheMeanOfTheTwoMiddleOnes() {
        run(BenchPeer.fraudJob(), 30_000, 10_000, 20_000);
        run(BenchPeer.sqlPeer(), 40_000, 10_000);

        assertThat(report.median("fraud job")).isEqualTo(20_000);
        assertThat(report.median("Flink SQL peer")).isEqualTo(25_000);
        assertThat(report.median("not run")).isZero();
    }

    @Test
    void ratiosComeFromTheMediansAndSayWhetherTheTargetIsMet() {
        run(BenchPeer.fraudJob(), 35_000, 35_000, 35_000);
        run(BenchPeer.sqlPeer(), 10_000, 10_000, 10_000);
        run(BenchPeer.sqlPassThrough(), 50_000, 50_000, 50_000);
        run(BenchPeer.passThrough(), 55_000, 55_000, 55_000);
        run(BenchPeer.withRules(10), 25_000);

        report.print("test", new BenchTopics.Distinct(100, 10));
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(out).containsPattern("fraud job / Flink SQL peer +3\\.50 x .*: met\\)");
        assertThat(out)
                .containsPattern("fraud job / Flink SQL pass-through +0\\.70 x .*: missed\\)");
        assertThat(out)
                .containsPattern(
                        "our pass-through / Flink SQL pass-through +1\\.10 x .*: missed\\)");
        // 1/25,000 - 1/35,000 s = 11.43 µs more per transaction, 1.14 µs per rule
        assertThat(out)
                .containsPattern(
                        "fraud job \\+ 10 rules +0\\.71 x the fraud job; \\+11\\.43 µs per transaction \\(1\\.14 µs per rule\\)");
    }

    /** Rounds of {@code job}, each 1,000,000 records at {@code rates} tx/s. */
    private void run(BenchPeer job, double... rates) {
        for (double rate : rates) {
            long nanos = (long) (1_000_000 / rate * 1e9);
            report.add(
                    new BenchThroughput.Result(
                            job,
                            "job",
                            1_000_000,
                            1_000,
                            1_000 + nanos,
                            0,
                            Optional.empty(),
                            Optional.empty()));
        }
    }
}
