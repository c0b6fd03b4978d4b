package io.fraudstream.events;

import static io.fraudstream.events.JsonObject.str;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Named instants and valid example events, in record and in JSON form, for the tests. */
final class Events {

    static final Instant PAYMENT_TIME = Instant.parse("2026-11-26T17:30:04.123Z");
    static final Instant DETECTED_AT = Instant.parse("2026-11-26T17:30:04.200Z");
    static final Instant DECIDED_AT = Instant.parse("2026-11-27T09:12:00Z");
    static final Instant REJECTED_AT = Instant.parse("2026-11-26T17:30:05.002Z");

    /** The example transaction of DESIGN.md, field for field. */
    static final JsonObject TRANSACTION_JSON =
            JsonObject.of(
                    "transactionId", str("t-1"),
                    "accountId", str("acct-42"),
                    "timestamp", str("2026-11-26T17:30:04.123Z"),
                    "amount", str("125.40"),
                    "currency", str("EUR"),
                    "merchantId", str("m-991"),
                    "terminalId", str("term-77"),
                    "mcc", str("5411"),
                    "country", str("DE"),
                    "lat", "52.52",
                    "lon", "13.40",
                    "channel", str("POS"));

    static final JsonObject REASON_JSON =
            JsonObject.of(
                    "detector",
                    str("velocity"),
                    "message",
                    str("6 transactions in 10 minutes"),
                    "value",
                    "6.0",
                    "threshold",
                    "5.0");

    static final JsonObject ALERT_JSON =
            JsonObject.of(
                    "alertId", str("a-5f1c"),
                    "accountId", str("acct-42"),
                    "transactionId", str("t-9"),
                    "relatedTransactionIds", "[\"t-5\",\"t-7\"]",
                    "eventTime", str("2026-11-26T17:30:04.123Z"),
                    "detectedAt", str("2026-11-26T17:30:04.200Z"),
                    "score", "0.91",
                    "severity", str("HIGH"),
                    "action", str("BLOCK"),
                    "reasons", "[" + REASON_JSON + "]",
                    "ruleVersion", str("rules-7"),
                    "late", "false");

    static final JsonObject VERDICT_JSON =
            JsonObject.of(
                    "accountId", str("acct-42"),
                    "transactionId", str("t-1"),
                    "alertId", str("a-5f1c"),
                    "terminalId", str("term-77"),
                    "label", str("FRAUD"),
                    "source", str("analyst"),
                    "decidedAt", str("2026-11-27T09:12:00Z"),
                    "note", str("customer confirmed the card was stolen"));

    /** Its payload is base64 of {@code {"amount":-5}}. */
    static final JsonObject DEAD_LETTER_JSON =
            JsonObject.of(
                    "reason", str("amount: must be >= 0, was -5"),
                    "field", str("amount"),
                    "payload", str("eyJhbW91bnQiOi01fQ=="),
                    "sourceTopic", str("transactions"),
                    "sourcePartition", "3",
                    "sourceOffset", "1842",
                    "receivedAt", str("2026-11-26T17:30:05.002Z"));

    /** A fraud label as txgen writes it to a label file or topic. */
    static final JsonObject GROUND_TRUTH_JSON =
            JsonObject.of(
                    "transactionId", str("t-9"),
                    "accountId", str("acct-4"),
                    "timestamp", str("2026-11-26T17:30:04Z"),
                    "fraud", "true",
                    "scenario", str("card-testing"),
                    "terminalId", str("term-7"),
                    "producedAt", str("2026-11-26T17:30:04.120Z"));

    /** Times that are no ISO-8601 instant of the contract, each for its own reason. */
    static final List<String> BAD_TIMESTAMPS =
            List.of(
                    "yesterday",
                    "",
                    "2026-11-26",
                    "2026-11-26T17:30:04",
                    "2026-11-26T17:30Z",
                    "2026-11-26 17:30:04Z",
                    "2026-11-26t17:30:04z",
                    "2026-13-01T00:00:00Z",
                    "2026-00-01T00:00:00Z",
                    "2026-02-29T00:00:00Z",
                    "2026-04-31T00:00:00Z",
                    "2026-11-26T24:00:00Z",
                    "2026-11-26T17:60:00Z",
                    "2026-11-26T23:59:60Z",
                    "2026-11-26T17:30:04.Z",
                    "2026-11-26T17:30:04.1234567891Z",
                    "2026-11-26T17:30:04+01",
                    "2026-11-26T17:30:04+0100",
                    "2026-11-26T17:30:04+19:00",
                    "2026-11-26T17:30:04+01:60",
                    "2026-11-26T17:30:04Z[UTC]",
                    "+10000-01-01T00:00:00Z",
                    "-0001-01-01T00:00:00Z",
                    "２０２６-11-26T17:30:04Z");

    private Events() {}

    static Transaction transaction() {
        return new Transaction(
                "t-1",
                "acct-42",
                PAYMENT_TIME,
                new BigDecimal("125.40"),
                "EUR",
                "m-991",
                "term-77",
                "5411",
                "DE",
                52.52,
                13.40,
                Transaction.Channel.POS);
    }

    /** A transaction with only the required fields. */
    static Transaction bareTransaction() {
        return new Transaction(
                "t-2",
                "acct-42",
                PAYMENT_TIME,
                new BigDecimal("0.99"),
                "USD",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static Alert.Reason reason() {
        return new Alert.Reason("velocity", "6 transactions in 10 minutes", 6.0, 5.0);
    }

    static Alert alert() {
        return new Alert(
                "a-5f1c",
                "acct-42",
                "t-9",
                List.of("t-5", "t-7"),
                PAYMENT_TIME,
                DETECTED_AT,
                0.91,
                Alert.Severity.HIGH,
                Alert.Action.BLOCK,
                List.of(reason()),
                "rules-7",
                false);
    }

    static Verdict verdict() {
        return new Verdict(
                "acct-42",
                "t-1",
                "a-5f1c",
                "term-77",
                Verdict.Label.FRAUD,
                Verdict.Source.ANALYST,
                DECIDED_AT,
                "customer confirmed the card was stolen");
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(
                "amount: must be >= 0, was -5",
                "amount",
                "{\"amount\":-5}".getBytes(StandardCharsets.UTF_8),
                "transactions",
                3,
                1842,
                REJECTED_AT);
    }

    static GroundTruth groundTruth() {
        return new GroundTruth(
                "t-9",
                "acct-4",
                Instant.parse("2026-11-26T17:30:04Z"),
                true,
                "card-testing",
                "term-7",
                Instant.parse("2026-11-26T17:30:04.120Z"));
    }
}
