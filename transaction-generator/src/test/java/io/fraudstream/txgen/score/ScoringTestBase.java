package io.fraudstream.txgen.score;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Named instants and small factories, so that a scoring test reads like its scenario. */
abstract class ScoringTestBase {

    /** A Sunday (ISO week 2026-W09); the next two days are in week W10. */
    static final Instant DAY_1 = Instant.parse("2026-03-01T00:00:00Z");

    static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
    static final Instant DAY_3 = DAY_1.plus(Duration.ofDays(2));

    static Instant at(Instant day, String hhmmss) {
        return day.plus(
                Duration.between(Instant.EPOCH, Instant.parse("1970-01-01T" + hhmmss + "Z")));
    }

    static GroundTruth fraud(String transactionId, String account, Instant at, String scenario) {
        return new GroundTruth(transactionId, account, at, true, scenario, "term-1", null);
    }

    static GroundTruth genuine(String transactionId, String account, Instant at) {
        return new GroundTruth(
                transactionId, account, at, false, GroundTruth.GENUINE, "term-1", null);
    }

    /** An alert raised one second after its triggering transaction's event time. */
    static Alert alert(String alertId, String account, String transactionId, Instant eventTime) {
        return alert(alertId, account, transactionId, eventTime, 0.9);
    }

    static Alert alert(
            String alertId, String account, String transactionId, Instant eventTime, double score) {
        return alert(alertId, account, transactionId, eventTime, eventTime.plusSeconds(1), score);
    }

    static Alert alert(
            String alertId,
            String account,
            String transactionId,
            Instant eventTime,
            Instant detectedAt,
            double score) {
        return new Alert(
                alertId,
                account,
                transactionId,
                List.of(),
                eventTime,
                detectedAt,
                score,
                Alert.Severity.HIGH,
                Alert.Action.FLAG,
                List.of(new Alert.Reason("velocity", "6 transactions in 10 minutes", 6, 5)),
                "rules-1",
                false);
    }

    static AlertLog alertLog(List<Alert> alerts) {
        AlertLog log = new AlertLog("test alerts");
        alerts.forEach(a -> log.add(a, null, null));
        return log;
    }

    static LabelIndex labelIndex(AlertLog alerts, List<GroundTruth> labels) {
        LabelIndex index = new LabelIndex("test labels", alerts.transactionIds());
        labels.forEach(index::add);
        return index;
    }

    static ScoreReport score(List<Alert> alerts, List<GroundTruth> labels) {
        return score(alerts, labels, ScoreSettings.defaults(LatencyClock.DETECTED_AT));
    }

    static ScoreReport score(List<Alert> alerts, List<GroundTruth> labels, ScoreSettings s) {
        AlertLog log = alertLog(alerts);
        return Scorer.score(log, labelIndex(log, labels), s);
    }

    static ScoreReport.ScenarioScore scenario(ScoreReport report, String name) {
        return report.scenarios().stream()
                .filter(s -> s.scenario().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scenario " + name));
    }

    static Path writeAlerts(Path file, List<Alert> alerts) throws IOException {
        List<String> lines = new ArrayList<>();
        alerts.forEach(
                a -> lines.add(new String(AlertCodec.INSTANCE.encode(a), StandardCharsets.UTF_8)));
        return Files.write(file, lines);
    }

    static Path writeLabels(Path file, List<GroundTruth> labels) throws IOException {
        List<String> lines = new ArrayList<>();
        labels.forEach(
                l ->
                        lines.add(
                                new String(
                                        GroundTruthCodec.INSTANCE.encode(l),
                                        StandardCharsets.UTF_8)));
        return Files.write(file, lines);
    }
}
