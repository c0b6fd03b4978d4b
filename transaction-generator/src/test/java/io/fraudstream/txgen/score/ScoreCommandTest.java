package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.txgen.TxgenCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest extends ScoringTestBase {

    @TempDir Path dir;

    Path alerts;
    Path labels;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeInputs() throws IOException {
        alerts = writeAlerts(dir.resolve("alerts.jsonl"), TransactionMetricsTest.ALERTS);
        labels = writeLabels(dir.resolve("labels.jsonl"), TransactionMetricsTest.LABELS);
    }

    @Test
    void helpDescribesTheOptionsAndDefinesTheMetrics() {
        int exit = run("score", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("--alerts=FILE", "--alerts-topic=NAME", "--labels=FILE")
                .contains("--labels-topic=NAME", "--json", "--k=N", "--from=DATE", "--to=DATE")
                .contains("--card-grace=DURATION", "--skip-bad", "--consumer-property=KEY=VALUE")
                .contains("TP = fraudulent transactions alerted")
                .contains("Card Precision@k")
                .contains("N% of the values");
    }

    @Test
    void missingAlertsIsAUsageError() {
        int exit = run("score", "--labels", labels.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Missing required argument (specify one of these):"
                                + " (--alerts=FILE | --alerts-topic=NAME)");
    }

    @Test
    void missingLabelsIsAUsageError() {
        int exit = run("score", "--alerts", alerts.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("(--labels=FILE | --labels-topic=NAME)");
    }

    @Test
    void aFileAndATopicTogetherIsAUsageError() {
        int exit =
                run(
                        "score",
                        "--alerts",
                        alerts.toString(),
                        "--alerts-topic",
                        "fraud-alerts",
                        "--labels",
                        labels.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("--alerts=FILE, --alerts-topic=NAME are mutually exclusive");
    }

    @Test
    void invalidSettingsAreUsageErrors() {
        assertThat(runOnFiles("--from", "2026-03-02", "--to", "2026-03-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--from: must not be after --to");

        assertThat(runOnFiles("--k", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--k: must be at least 1, was 0");

        assertThat(runOnFiles("--card-grace", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("not a duration: 'soon'");

        assertThat(runOnFiles("--from", "1.3.2026")).isEqualTo(2);
        assertThat(err.toString()).contains("not a date: '1.3.2026' (use yyyy-MM-dd)");

        assertThat(runOnFiles("--received-at", "record-timestamp")).isEqualTo(2);
        assertThat(err.toString()).contains("needs --alerts-topic");

        assertThat(runOnFiles("--received-at", "sometime")).isEqualTo(2);
        assertThat(err.toString()).contains("--received-at: must be auto, record-timestamp or");
    }

    @Test
    void aMalformedAlertLineIsReportedWithItsNumber() throws IOException {
        Files.write(
                alerts,
                lines(validAlert(), "", validAlert().replace("\"score\":0.9", "\"score\":1.5")));

        int exit = runOnFiles();

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "txgen score: alerts file "
                                + alerts
                                + " line 3: score: must be in [0.0, 1.0], was 1.5"
                                + " (use --skip-bad to skip malformed records)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void skipBadSkipsAndCountsMalformedRecords() throws IOException {
        Files.write(alerts, lines(validAlert(), "not json", "{}"));
        Files.write(labels, lines("{\"transactionId\":\"t1\"}"), StandardOpenOption.APPEND);

        int exit = runOnFiles("--skip-bad", "--json");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/alerts/records").asLong()).isEqualTo(1);
        assertThat(json.at("/alerts/skippedBad").asLong()).isEqualTo(2);
        assertThat(json.at("/labels/skippedBad").asLong()).isEqualTo(1);
        assertThat(err.toString())
                .contains("txgen score: skipped alerts file " + alerts + " line 2: payload:")
                .contains("line 3: score: required")
                .contains("skipped labels file " + labels + " line 8: accountId: required");
    }

    @Test
    void aMalformedLabelLineIsReportedWithItsNumber() throws IOException {
        Files.write(labels, lines("{\"transactionId\":\"t1\"}"), StandardOpenOption.APPEND);

        assertThat(runOnFiles()).isEqualTo(1);
        assertThat(err.toString())
                .contains("labels file " + labels + " line 8: accountId: required");
    }

    @Test
    void anUnreadableFileExitsOneWithTheReason() {
        Path missing = dir.resolve("nope.jsonl");

        int exit = run("score", "--alerts", missing.toString(), "--labels", labels.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("txgen score: cannot read file " + missing + ": no such file");
    }

    @Test
    void jsonOutputHasTheDocumentedFieldsAndValues() throws IOException {
        int exit = runOnFiles("--json");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(fields(json))
                .containsExactly(
                        "alerts",
                        "labels",
                        "transactions",
                        "cards",
                        "scenarios",
                        "latency",
                        "cardPrecision");
        assertThat(fields(json.get("alerts")))
                .containsExactly(
                        "source",
                        "records",
                        "skippedBad",
                        "distinct",
                        "duplicates",
                        "onFraud",
                        "precision");
        assertThat(fields(json.get("labels")))
                .containsExactly(
                        "source", "records", "skippedBad", "fraud", "genuine", "duplicates");
        assertThat(fields(json.get("transactions")))
                .containsExactly(
                        "fraud",
                        "alerted",
                        "alertedUnlabelled",
                        "tp",
                        "fp",
                        "fn",
                        "precision",
                        "recall",
                        "f1");
        assertThat(fields(json.get("cards")))
                .containsExactly("graceMs", "compromised", "detected", "recall", "detectionDelay");
        assertThat(fields(json.at("/cards/detectionDelay")))
                .containsExactly("count", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs");
        assertThat(fields(json.at("/scenarios/0")))
                .containsExactly(
                        "scenario",
                        "fraud",
                        "tp",
                        "fp",
                        "fn",
                        "precision",
                        "recall",
                        "f1",
                        "cards",
                        "detectedCards",
                        "cardRecall",
                        "detectionDelay");
        assertThat(fields(json.get("latency")))
                .containsExactly(
                        "available",
                        "clock",
                        "reason",
                        "recordTimestampTypes",
                        "count",
                        "p50Ms",
                        "p90Ms",
                        "p99Ms",
                        "p999Ms",
                        "maxMs");
        assertThat(fields(json.get("cardPrecision")))
                .containsExactly("k", "from", "to", "mean", "days", "weeks");
        assertThat(fields(json.at("/cardPrecision/days/0")))
                .containsExactly("date", "ranked", "compromised", "hits", "cardPrecision");
        assertThat(fields(json.at("/cardPrecision/weeks/0")))
                .containsExactly("week", "from", "to", "days", "mean");

        assertThat(json.at("/alerts/source").asText()).isEqualTo("file " + alerts);
        assertThat(json.at("/alerts/records").asLong()).isEqualTo(6);
        assertThat(json.at("/alerts/distinct").asLong()).isEqualTo(5);
        assertThat(json.at("/alerts/precision").asDouble()).isEqualTo(0.6);
        assertThat(json.at("/labels/fraud").asLong()).isEqualTo(5);
        assertThat(json.at("/labels/genuine").asLong()).isEqualTo(2);
        assertThat(json.at("/transactions/tp").asLong()).isEqualTo(2);
        assertThat(json.at("/transactions/fp").asLong()).isEqualTo(2);
        assertThat(json.at("/transactions/fn").asLong()).isEqualTo(3);
        assertThat(json.at("/transactions/precision").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/transactions/recall").asDouble()).isEqualTo(0.4);
        assertThat(json.at("/cards/graceMs").asLong()).isEqualTo(86_400_000);
        // acct-A (t1 at 10:00, alert at 10:00) and acct-B (t3 at 11:00, alert at 11:00)
        assertThat(json.at("/cards/compromised").asLong()).isEqualTo(3);
        assertThat(json.at("/cards/detected").asLong()).isEqualTo(2);
        assertThat(json.at("/cards/detectionDelay/maxMs").asDouble()).isEqualTo(0.0);
        assertThat(json.at("/scenarios/0/scenario").asText()).isEqualTo("card-testing");
        assertThat(json.at("/scenarios/1/cardRecall").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/latency/available").asBoolean()).isFalse();
        assertThat(json.at("/latency/clock").asText()).isEqualTo("detected-at");
        assertThat(json.at("/latency/p50Ms").isNull()).isTrue();
        // Day 1: acct-A, acct-B, acct-C, acct-E alerted at 0.9; A and B compromised: 2 / 100.
        assertThat(json.at("/cardPrecision/k").asInt()).isEqualTo(100);
        assertThat(json.at("/cardPrecision/from").asText()).isEqualTo("2026-03-01");
        assertThat(json.at("/cardPrecision/days/0/ranked").asInt()).isEqualTo(4);
        assertThat(json.at("/cardPrecision/days/0/compromised").asInt()).isEqualTo(3);
        assertThat(json.at("/cardPrecision/days/0/hits").asInt()).isEqualTo(2);
        assertThat(json.at("/cardPrecision/mean").asDouble()).isEqualTo(0.02);
        assertThat(json.at("/cardPrecision/weeks/0/week").asText()).isEqualTo("2026-W09");
    }

    @Test
    void tablesShowEverySectionAndTheLegend() {
        int exit = runOnFiles("--k", "2");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("TRANSACTIONS  (4 alerted, 1 of them without a label)")
                .containsPattern("all +5 +2 +3 +2 +0\\.5000 +0\\.4000 +0\\.4444")
                .containsPattern("card-testing +2 +1 +1 +2 +0\\.3333 +0\\.5000 +0\\.4000")
                .contains(
                        "alert level: 5 alerts, 3 on fraudulent transactions, alert precision 0.6000")
                .contains("CARDS  (card grace 1d 00h")
                .containsPattern("all +3 +2 +0\\.6667 +2 +0\\.0 ms")
                .contains("END-TO-END LATENCY  (received = detected-at; wall clock)")
                .contains("not available: no alerted transaction has a label with producedAt")
                .contains("CARD PRECISION@2  (UTC days 2026-03-01 .. 2026-03-01)")
                .containsPattern("2026-03-01 +2 +3 +2 +1\\.0000")
                .contains("2026-W09")
                .contains("Definitions");
    }

    private int runOnFiles(String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "score",
                                "--alerts",
                                alerts.toString(),
                                "--labels",
                                labels.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        CommandLine cli = TxgenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String validAlert() {
        return new String(
                AlertCodec.INSTANCE.encode(TransactionMetricsTest.A1), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String... lines) {
        return List.of(lines);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
