package io.fraudstream.txgen.score;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fraudstream.events.TransactionScore.Decision;
import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.CardScore;
import io.fraudstream.txgen.score.ScoreReport.Chargebacks;
import io.fraudstream.txgen.score.ScoreReport.Day;
import io.fraudstream.txgen.score.ScoreReport.Latency;
import io.fraudstream.txgen.score.ScoreReport.Ranking;
import io.fraudstream.txgen.score.ScoreReport.ScenarioScore;
import io.fraudstream.txgen.score.ScoreReport.Scores;
import io.fraudstream.txgen.score.ScoreReport.Week;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a {@link ScoreReport} as one JSON document. Every field is always present, {@code null}
 * where a value is undefined (a ratio with denominator 0, a percentile of nothing); durations are
 * milliseconds (fractional), dates {@code yyyy-MM-dd}. {@link Legend} defines the numbers.
 *
 * <pre>{@code
 * {
 *   "alerts": {"source", "records", "skippedBad", "distinct", "duplicates", "onFraud", "precision"},
 *   "labels": {"source", "records", "skippedBad", "fraud", "genuine", "duplicates"},
 *   "transactions": {"fraud", "alerted", "alertedUnlabelled", "tp", "fp", "fn",
 *                    "precision", "recall", "f1"},
 *   "cards": {"graceMs", "compromised", "detected", "recall", "detectionDelay": DELAY},
 *   "scenarios": [{"scenario", "fraud", "tp", "fp", "fn", "precision", "recall", "f1",
 *                  "cards", "detectedCards", "cardRecall", "detectionDelay": DELAY,
 *                  "afterChargeback": null | {"cards", "detected", "recall",
 *                                             "detectionDelay": DELAY}}],
 *   "latency": {"available", "clock", "reason", "recordTimestampTypes": {"CreateTime": n, ...},
 *               "count", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs"},
 *   "cardPrecision": {"k", "from", "to", "mean",
 *                     "days": [{"date", "ranked", "compromised", "hits", "cardPrecision"}],
 *                     "weeks": [{"week", "from", "to", "days", "mean"}]},
 *   "scores": null | {"source", "records", "skippedBad", "distinct", "duplicates",
 *              "decisions": {"APPROVE": n, "REVIEW": n, "DECLINE": n},
 *              "fraudScored", "fraudUnscored", "knownCompromised", "knownCompromisedFraud",
 *              "rankings": [{"period", "from", "to", "transactions", "fraud", "auc",
 *                            "averagePrecision"}],
 *              "cardPrecision": CARD_PRECISION},
 *   "chargebacks": null | {"source", "records", "skippedBad", "terminals", "cards", "detected",
 *                   "recall", "detectionDelay": DELAY}
 * }
 * DELAY = {"count", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs"}
 * CARD_PRECISION = the shape of "cardPrecision"
 * }</pre>
 *
 * <p>{@code scenarios[].fp} is the FP of all scenarios (alerts on transactions not labelled fraud);
 * {@code latency.clock} is {@code record-timestamp} or {@code detected-at}; {@code latency.reason}
 * says why it is not available, else null.
 */
public final class JsonReport {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonReport() {}

    public static void write(ScoreReport report, PrintWriter out) {
        try (JsonGenerator g =
                JSON.createGenerator(out)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .useDefaultPrettyPrinter()) {
            g.writeStartObject();
            alerts(report.alerts(), g);
            labels(report.labels(), g);
            transactions(report.transactions(), g);
            g.writeObjectFieldStart("cards");
            g.writeNumberField("graceMs", report.cardGrace().toMillis());
            cardFields(report.cards(), "compromised", "detected", "recall", g);
            g.writeEndObject();
            g.writeArrayFieldStart("scenarios");
            for (ScenarioScore s : report.scenarios()) {
                g.writeStartObject();
                g.writeStringField("scenario", s.scenario());
                g.writeNumberField("fraud", s.fraud());
                confusion(s.confusion(), g);
                cardFields(s.cards(), "cards", "detectedCards", "cardRecall", g);
                if (s.afterChargeback() == null) {
                    g.writeNullField("afterChargeback");
                } else {
                    g.writeObjectFieldStart("afterChargeback");
                    cardFields(s.afterChargeback(), "cards", "detected", "recall", g);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            latency(report.latency(), g);
            g.writeFieldName("cardPrecision");
            cardPrecision(report.cardPrecision(), g);
            scores(report.scores(), g);
            chargebacks(report.chargebacks(), g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    private static void alerts(ScoreReport.AlertSummary a, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("alerts");
        g.writeStringField("source", a.source());
        g.writeNumberField("records", a.records());
        g.writeNumberField("skippedBad", a.skippedBad());
        g.writeNumberField("distinct", a.distinct());
        g.writeNumberField("duplicates", a.duplicates());
        g.writeNumberField("onFraud", a.onFraud());
        ratio("precision", a.precision(), g);
        g.writeEndObject();
    }

    private static void labels(ScoreReport.LabelSummary l, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("labels");
        g.writeStringField("source", l.source());
        g.writeNumberField("records", l.records());
        g.writeNumberField("skippedBad", l.skippedBad());
        g.writeNumberField("fraud", l.fraud());
        g.writeNumberField("genuine", l.genuine());
        g.writeNumberField("duplicates", l.duplicates());
        g.writeEndObject();
    }

    private static void transactions(ScoreReport.TransactionScore t, JsonGenerator g)
            throws IOException {
        g.writeObjectFieldStart("transactions");
        g.writeNumberField("fraud", t.fraud());
        g.writeNumberField("alerted", t.alerted());
        g.writeNumberField("alertedUnlabelled", t.alertedUnlabelled());
        confusion(t.confusion(), g);
        g.writeEndObject();
    }

    private static void confusion(Confusion c, JsonGenerator g) throws IOException {
        g.writeNumberField("tp", c.tp());
        g.writeNumberField("fp", c.fp());
        g.writeNumberField("fn", c.fn());
        ratio("precision", c.precision(), g);
        ratio("recall", c.recall(), g);
        ratio("f1", c.f1(), g);
    }

    private static void cardFields(
            CardScore c, String compromised, String detected, String recall, JsonGenerator g)
            throws IOException {
        g.writeNumberField(compromised, c.compromised());
        g.writeNumberField(detected, c.detected());
        ratio(recall, c.recall(), g);
        g.writeObjectFieldStart("detectionDelay");
        durations(c.detectionDelay(), g);
        g.writeEndObject();
    }

    private static void latency(Latency l, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("latency");
        g.writeBooleanField("available", l.available());
        g.writeStringField("clock", l.clock().label());
        g.writeStringField("reason", l.unavailableReason());
        g.writeObjectFieldStart("recordTimestampTypes");
        for (Map.Entry<String, Long> e : l.recordTimestampTypes().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        durations(l.summary(), g);
        g.writeEndObject();
    }

    private static void durations(DurationSummary d, JsonGenerator g) throws IOException {
        g.writeNumberField("count", d.count());
        millis("p50Ms", d.p50(), g);
        millis("p90Ms", d.p90(), g);
        millis("p99Ms", d.p99(), g);
        millis("p999Ms", d.p999(), g);
        millis("maxMs", d.max(), g);
    }

    private static void scores(Scores sc, JsonGenerator g) throws IOException {
        if (sc == null) {
            g.writeNullField("scores");
            return;
        }
        g.writeObjectFieldStart("scores");
        g.writeStringField("source", sc.source());
        g.writeNumberField("records", sc.records());
        g.writeNumberField("skippedBad", sc.skippedBad());
        g.writeNumberField("distinct", sc.distinct());
        g.writeNumberField("duplicates", sc.duplicates());
        g.writeObjectFieldStart("decisions");
        for (Map.Entry<Decision, Long> e : sc.decisions().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("fraudScored", sc.fraudScored());
        g.writeNumberField("fraudUnscored", sc.fraudUnscored());
        g.writeNumberField("knownCompromised", sc.knownCompromised());
        g.writeNumberField("knownCompromisedFraud", sc.knownCompromisedFraud());
        g.writeArrayFieldStart("rankings");
        for (Ranking r : sc.rankings()) {
            g.writeStartObject();
            g.writeStringField("period", r.period());
            g.writeStringField("from", r.from() == null ? null : r.from().toString());
            g.writeStringField("to", r.to() == null ? null : r.to().toString());
            g.writeNumberField("transactions", r.transactions());
            g.writeNumberField("fraud", r.fraud());
            ratio("auc", r.auc(), g);
            ratio("averagePrecision", r.averagePrecision(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("cardPrecision");
        cardPrecision(sc.cardPrecision(), g);
        g.writeEndObject();
    }

    private static void chargebacks(Chargebacks cb, JsonGenerator g) throws IOException {
        if (cb == null) {
            g.writeNullField("chargebacks");
            return;
        }
        g.writeObjectFieldStart("chargebacks");
        g.writeStringField("source", cb.source());
        g.writeNumberField("records", cb.records());
        g.writeNumberField("skippedBad", cb.skippedBad());
        g.writeNumberField("terminals", cb.terminals());
        cardFields(cb.cards(), "cards", "detected", "recall", g);
        g.writeEndObject();
    }

    private static void cardPrecision(CardPrecisionAtK cp, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("k", cp.k());
        g.writeStringField("from", cp.from() == null ? null : cp.from().toString());
        g.writeStringField("to", cp.to() == null ? null : cp.to().toString());
        ratio("mean", cp.mean(), g);
        g.writeArrayFieldStart("days");
        for (Day d : cp.days()) {
            g.writeStartObject();
            g.writeStringField("date", d.date().toString());
            g.writeNumberField("ranked", d.ranked());
            g.writeNumberField("compromised", d.compromised());
            g.writeNumberField("hits", d.hits());
            g.writeNumberField("cardPrecision", d.cardPrecision());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("weeks");
        for (Week w : cp.weeks()) {
            g.writeStartObject();
            g.writeStringField("week", w.week());
            g.writeStringField("from", w.from().toString());
            g.writeStringField("to", w.to().toString());
            g.writeNumberField("days", w.days());
            g.writeNumberField("mean", w.mean());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void ratio(String field, Double value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void millis(String field, Long nanos, JsonGenerator g) throws IOException {
        if (nanos == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, nanos / 1e6);
        }
    }
}
