package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScore.Decision;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.txgen.TxgenCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
                        "Missing alerts or scores: give --alerts, --alerts-topic, --scores or"
                                + " --scores-topic");
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
        assertThat(err.toString()).contains("not a duration: soon");

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
                .contains("skipped labels file " + labels + " line 8: fraud: required");
    }

    @Test
    void aMalformedLabelLineIsReportedWithItsNumber() throws IOException {
        Files.write(labels, lines("{\"transactionId\":\"t1\"}"), StandardOpenOption.APPEND);

        assertThat(runOnFiles()).isEqualTo(1);
        assertThat(err.toString()).contains("labels file " + labels + " line 8: fraud: required");
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
                        "cardPrecision",
                        "scores",
                        "chargebacks");
        assertThat(json.get("scores").isNull()).isTrue();
        assertThat(json.get("scenarios").get(0).get("afterChargeback").isNull()).isTrue();
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
                        "detectionDelay",
                        "afterChargeback");
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
                .contains("CARD PRECISION@2 from alerts  (UTC days 2026-03-01 .. 2026-03-01)")
                .containsPattern("2026-03-01 +2 +3 +2 +1\\.0000")
                .contains("2026-W09")
                .contains("Definitions");
    }

    @Test
    void scoresAndVerdictFilesAddRankingCardPrecisionAndAfterChargebackRecall() throws IOException {
        Path scores = dir.resolve("scores.jsonl");
        List<String> lines = new ArrayList<>();
        for (TransactionScore ts :
                List.of(
                        TransactionScoresTest.scored(
                                "s1", "acct-1", at(DAY_1, "10:00:00"), 0.9, Decision.DECLINE),
                        TransactionScoresTest.scored(
                                "s2", "acct-2", at(DAY_1, "11:00:00"), 0.3, Decision.APPROVE),
                        TransactionScoresTest.scored(
                                "s3", "acct-3", at(DAY_1, "12:00:00"), 0.1, Decision.APPROVE))) {
            lines.add(
                    new String(TransactionScoreCodec.INSTANCE.encode(ts), StandardCharsets.UTF_8));
        }
        Files.write(scores, lines);
        Path scoreLabels =
                writeLabels(
                        dir.resolve("score-labels.jsonl"),
                        List.of(
                                fraud(
                                        "s1",
                                        "acct-1",
                                        at(DAY_1, "10:00:00"),
                                        "compromised-terminal"),
                                fraud(
                                        "s2",
                                        "acct-2",
                                        at(DAY_1, "11:00:00"),
                                        "compromised-terminal")));
        Path verdicts = dir.resolve("verdicts.jsonl");
        Files.writeString(
                verdicts,
                new String(
                                VerdictCodec.INSTANCE.encode(
                                        new Verdict(
                                                "acct-0",
                                                "s0",
                                                null,
                                                "term-1",
                                                Verdict.Label.FRAUD,
                                                Verdict.Source.CHARGEBACK,
                                                at(DAY_1, "09:00:00"),
                                                null)),
                                StandardCharsets.UTF_8)
                        + "\n");
        String[] args = {
            "score",
            "--scores",
            scores.toString(),
            "--labels",
            scoreLabels.toString(),
            "--verdicts",
            verdicts.toString(),
            "--k",
            "1"
        };

        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("scores: file " + scores + ": 3 records, 3 distinct transactions")
                .contains("1 terminals with a FRAUD verdict")
                .contains("SCORES  (3 transactions scored, APPROVE 2, REVIEW 0, DECLINE 1;")
                .containsPattern("range +2026-03-01 +2026-03-01 +3 +2 +1\\.0000 +1\\.0000")
                .contains("CARD PRECISION@1 from every transaction's score")
                .contains("CARDS AFTER THE TERMINAL'S FIRST FRAUD VERDICT")
                .containsPattern("compromised-terminal +2 +1 +0\\.5000");

        out.getBuffer().setLength(0);
        String[] json = Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        assertThat(run(json)).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.at("/scores/distinct").asLong()).isEqualTo(3);
        assertThat(doc.at("/scores/decisions/DECLINE").asLong()).isEqualTo(1);
        assertThat(doc.at("/scores/rankings/0/auc").asDouble()).isEqualTo(1.0);
        assertThat(doc.at("/scores/cardPrecision/mean").asDouble()).isEqualTo(1.0);
        assertThat(doc.at("/chargebacks/recall").asDouble()).isEqualTo(0.5);
        assertThat(doc.at("/scenarios/0/afterChargeback/cards").asLong()).isEqualTo(2);
        assertThat(doc.at("/alerts/distinct").asLong()).as("the DECLINE").isEqualTo(1);
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
