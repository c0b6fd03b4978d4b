package io.fraudstream.events;

import static io.fraudstream.events.EventSchemas.Event.ALERT;
import static io.fraudstream.events.EventSchemas.Event.DEAD_LETTER;
import static io.fraudstream.events.EventSchemas.Event.GROUND_TRUTH;
import static io.fraudstream.events.EventSchemas.Event.RULE_HIT;
import static io.fraudstream.events.EventSchemas.Event.RULE_STATUS;
import static io.fraudstream.events.EventSchemas.Event.TRANSACTION;
import static io.fraudstream.events.EventSchemas.Event.TRANSACTION_SCORE;
import static io.fraudstream.events.EventSchemas.Event.VERDICT;
import static io.fraudstream.events.Events.ALERT_JSON;
import static io.fraudstream.events.Events.DEAD_LETTER_JSON;
import static io.fraudstream.events.Events.GROUND_TRUTH_JSON;
import static io.fraudstream.events.Events.REASON_JSON;
import static io.fraudstream.events.Events.TRANSACTION_JSON;
import static io.fraudstream.events.Events.VERDICT_JSON;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.EventSchemas.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas against the codecs: every valid sample of the codec tests validates,
 * every class of input the codecs reject the schema rejects too, and what JSON Schema cannot
 * express is listed here as a documented difference (and in docs/EVENTS.md), each checked to be
 * still true.
 */
class EventSchemaTest {

    /** One JSON input of an event, named for what it shows. */
    record Sample(String name, Event event, byte[] json) {
        Sample(String name, Event event, JsonObject json) {
            this(name, event, json.bytes());
        }

        @Override
        public String toString() {
            return event.file + ": " + name;
        }
    }

    static Stream<Sample> validSamples() {
        return Stream.of(
                new Sample("the design example", TRANSACTION, TRANSACTION_JSON),
                new Sample("only the required fields", TRANSACTION, bareTransaction()),
                new Sample(
                        "amount as a number",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", "125.40")),
                new Sample(
                        "amount with 20 integer and 18 fraction digits",
                        TRANSACTION,
                        TRANSACTION_JSON.with(
                                "amount", str("12345678901234567890.123456789012345678"))),
                new Sample(
                        "amount with leading zeros",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", str("007.50"))),
                new Sample(
                        "amount in exponent form",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", "1E+3")),
                new Sample(
                        "amount string in exponent form",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", str("1.5e2"))),
                new Sample(
                        "amount of negative zero",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", str("-0.00"))),
                new Sample(
                        "zero with a huge exponent",
                        TRANSACTION,
                        TRANSACTION_JSON.with("amount", "0e999999999")),
                new Sample(
                        "offset time",
                        TRANSACTION,
                        TRANSACTION_JSON.with("timestamp", str("2026-11-26T12:00:04.5-05:30"))),
                new Sample(
                        "nine fraction digits",
                        TRANSACTION,
                        TRANSACTION_JSON.with("timestamp", str("2026-11-26T17:30:04.123456789Z"))),
                new Sample(
                        "leap day",
                        TRANSACTION,
                        TRANSACTION_JSON.with("timestamp", str("2024-02-29T00:00:00+00:00"))),
                new Sample(
                        "the first instant",
                        TRANSACTION,
                        TRANSACTION_JSON.with("timestamp", str("0000-01-01T00:00:00Z"))),
                new Sample(
                        "the last instant",
                        TRANSACTION,
                        TRANSACTION_JSON.with("timestamp", str("9999-12-31T23:59:59.999999999Z"))),
                new Sample(
                        "null optional fields",
                        TRANSACTION,
                        TRANSACTION_JSON
                                .with("merchantId", "null")
                                .with("terminalId", "null")
                                .with("mcc", "null")
                                .with("country", "null")
                                .with("channel", "null")
                                .with("lat", "null")
                                .with("lon", "null")),
                new Sample(
                        "unknown fields of any value",
                        TRANSACTION,
                        TRANSACTION_JSON
                                .with("unknown", "{\"amount\":-5,\"x\":[1,null]}")
                                .with("zz", "null")),
                new Sample(
                        "Unicode identifiers",
                        TRANSACTION,
                        TRANSACTION_JSON
                                .with("accountId", str("Konto-Müller-日本-😀"))
                                .with("merchantId", "\"caf\\u00e9 \\ud83d\\ude00\"")
                                .with("terminalId", str("\u00a0"))),
                new Sample(
                        "the longest identifier",
                        TRANSACTION,
                        TRANSACTION_JSON.with("transactionId", str("x".repeat(256)))),
                new Sample(
                        "coordinates on their bounds",
                        TRANSACTION,
                        TRANSACTION_JSON.with("lat", "-90").with("lon", "180")),
                new Sample(
                        "a precious-metal currency",
                        TRANSACTION,
                        TRANSACTION_JSON.with("currency", str("XAU"))),
                new Sample(
                        "an MCC with a leading zero",
                        TRANSACTION,
                        TRANSACTION_JSON.with("mcc", str("0742"))),
                new Sample("the example alert", ALERT, ALERT_JSON),
                new Sample(
                        "an alert with amount, terminal and merchant",
                        ALERT,
                        ALERT_JSON
                                .with("terminalId", str("term-77"))
                                .with("merchantId", str("m-991"))
                                .with("amount", str("125.40"))
                                .with("currency", str("EUR"))),
                new Sample(
                        "late null, no related transactions",
                        ALERT,
                        ALERT_JSON.with("late", "null").with("relatedTransactionIds", "[]")),
                new Sample("scores on the bounds", ALERT, ALERT_JSON.with("score", "0")),
                new Sample(
                        "a reason with line breaks and an unknown field",
                        ALERT,
                        ALERT_JSON.with(
                                "reasons",
                                "["
                                        + REASON_JSON.with("message", str("a\\nb")).with("x", "[1]")
                                        + "]")),
                new Sample(
                        "the example score",
                        TRANSACTION_SCORE,
                        TransactionScoreCodecTest.SCORE_JSON),
                new Sample(
                        "a score without reasons or entities",
                        TRANSACTION_SCORE,
                        TransactionScoreCodecTest.SCORE_JSON
                                .without("reasons")
                                .without("terminalId")
                                .with("merchantId", "null")),
                new Sample(
                        "a score with features",
                        TRANSACTION_SCORE,
                        TransactionScoreCodecTest.SCORE_JSON.with(
                                "features", "{\"b\":2,\"a\":1.5}")),
                new Sample("the example verdict", VERDICT, VERDICT_JSON),
                new Sample(
                        "source in upper case",
                        VERDICT,
                        VERDICT_JSON.with("source", str("ANALYST"))),
                new Sample(
                        "source in mixed case",
                        VERDICT,
                        VERDICT_JSON.with("source", str("rEpLaY"))),
                new Sample("on a transaction only", VERDICT, VERDICT_JSON.without("alertId")),
                new Sample("on an alert only", VERDICT, VERDICT_JSON.with("transactionId", "null")),
                new Sample(
                        "a note with line breaks",
                        VERDICT,
                        VERDICT_JSON.with("note", str("line one\\nline two"))),
                new Sample(
                        "merchant and the labelled transaction's time",
                        VERDICT,
                        VERDICT_JSON
                                .with("merchantId", str("m-991"))
                                .with("eventTime", str("2026-11-26T18:30:04+01:00"))),
                new Sample("the example rule hit", RULE_HIT, RuleCodecsTest.HIT),
                new Sample(
                        "a rejection",
                        RULE_STATUS,
                        ruleStatus("REJECTED")
                                .with("reason", str("window: not a duration: \\\"banana\\\""))),
                new Sample("an acceptance", RULE_STATUS, ruleStatus("ACCEPTED")),
                new Sample(
                        "a deletion with a null reason",
                        RULE_STATUS,
                        ruleStatus("DELETED").with("reason", "null")),
                new Sample("the example dead letter", DEAD_LETTER, DEAD_LETTER_JSON),
                new Sample("without a field", DEAD_LETTER, DEAD_LETTER_JSON.without("field")),
                new Sample(
                        "an empty payload", DEAD_LETTER, DEAD_LETTER_JSON.with("payload", str(""))),
                new Sample(
                        "the largest offset",
                        DEAD_LETTER,
                        DEAD_LETTER_JSON.with("sourceOffset", "9223372036854775807")),
                new Sample("a fraud label", GROUND_TRUTH, GROUND_TRUTH_JSON),
                new Sample(
                        "a genuine label without terminal and time",
                        GROUND_TRUTH,
                        GROUND_TRUTH_JSON
                                .with("fraud", "false")
                                .with("scenario", str("genuine"))
                                .without("terminalId")
                                .with("producedAt", "null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void everyValidSampleValidatesAndSoDoesItsEncoding(Sample sample) {
        Object decoded = sample.event().codec.decode(sample.json());

        assertThat(EventSchemas.violations(sample.event().file, sample.json())).isEmpty();
        assertThat(EventSchemas.violations(sample.event().file, encode(sample.event(), decoded)))
                .isEmpty();
    }

    static Stream<Sample> invalidSamples() {
        List<Sample> samples = new ArrayList<>();
        for (String field :
                List.of("transactionId", "accountId", "timestamp", "amount", "currency")) {
            samples.add(
                    new Sample(field + " missing", TRANSACTION, TRANSACTION_JSON.without(field)));
            samples.add(
                    new Sample(field + " null", TRANSACTION, TRANSACTION_JSON.with(field, "null")));
        }
        badIdentifiers(samples, TRANSACTION, TRANSACTION_JSON, "accountId");
        badIdentifiers(samples, TRANSACTION, TRANSACTION_JSON, "merchantId");
        String[][] transactionValues = {
            {"transactionId", "42"},
            {"accountId", "{\"id\":\"x\"}"},
            {"accountId", "[\"acct-42\"]"},
            {"timestamp", "1764178204"},
            {"currency", "978"},
            {"mcc", "5411"},
            {"amount", "true"},
            {"amount", "{}"},
            {"lat", "\"52.52\""},
            {"channel", "1"},
            {"amount", "-5"},
            {"amount", "\"-0.01\""},
            {"amount", "\"NaN\""},
            {"amount", "\"Infinity\""},
            {"amount", "\"-inf\""},
            {"amount", "\"\""},
            {"amount", "\"abc\""},
            {"amount", "\"12,50\""},
            {"amount", "\" 5\""},
            {"amount", "\"5 \""},
            {"amount", "\"0x10\""},
            {"amount", "\"5.\""},
            {"amount", "\".5\""},
            {"amount", "\"+5\""},
            {"amount", "\"1e\""},
            {"amount", "\"--1\""},
            {"amount", "\"0.0000000000000000001\""},
            {"amount", "100000000000000000000"},
            {"amount", "\"100000000000000000000\""},
            {"amount", "1e999999999"},
            {"amount", "\"1" + "0".repeat(100) + "\""},
            {"currency", "\"EURO\""},
            {"currency", "\"eur\""},
            {"currency", "\"XYZ\""},
            {"currency", "\"\""},
            {"currency", "\"€\""},
            {"mcc", "\"541\""},
            {"mcc", "\"54111\""},
            {"mcc", "\"54a1\""},
            {"mcc", "\"٥٤١١\""},
            {"mcc", "\" 541\""},
            {"country", "\"de\""},
            {"country", "\"XX\""},
            {"country", "\"DEU\""},
            {"lat", "90.0001"},
            {"lat", "-91"},
            {"lon", "180.5"},
            {"lon", "-181"},
            {"lat", "1e400"},
            {"channel", "\"pos\""},
            {"channel", "\"ONLINE\""}
        };
        for (String[] value : transactionValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + value[1],
                            TRANSACTION,
                            TRANSACTION_JSON.with(value[0], value[1])));
        }
        List<String> badTimes = new ArrayList<>(Events.BAD_TIMESTAMPS);
        badTimes.add("2026-11-26T17:30:04Z\\n");
        for (String time : badTimes) {
            samples.add(
                    new Sample(
                            "timestamp " + time,
                            TRANSACTION,
                            TRANSACTION_JSON.with("timestamp", str(time))));
        }
        samples.add(new Sample("lat without lon", TRANSACTION, TRANSACTION_JSON.without("lon")));
        samples.add(
                new Sample(
                        "lon with a null lat", TRANSACTION, TRANSACTION_JSON.with("lat", "null")));

        for (String field :
                List.of(
                        "alertId",
                        "accountId",
                        "transactionId",
                        "relatedTransactionIds",
                        "eventTime",
                        "detectedAt",
                        "score",
                        "severity",
                        "action",
                        "reasons",
                        "ruleVersion")) {
            samples.add(new Sample(field + " missing", ALERT, ALERT_JSON.without(field)));
        }
        String[][] alertValues = {
            {"score", "1.5"},
            {"score", "-0.1"},
            {"score", "1e400"},
            {"score", "\"0.5\""},
            {"severity", "\"SEVERE\""},
            {"severity", "\"high\""},
            {"action", "\"flag\""},
            {"action", "1"},
            {"reasons", "[]"},
            {"reasons", "{}"},
            {"reasons", "[\"x\"]"},
            {"reasons", "[null]"},
            {"relatedTransactionIds", "\"t-5\""},
            {"relatedTransactionIds", "[\"t-5\",7]"},
            {"relatedTransactionIds", "[\"t-5\",null]"},
            {"relatedTransactionIds", "[\" \"]"},
            {"eventTime", "\"now\""},
            {"detectedAt", "1764178204"},
            {"ruleVersion", "\"\""},
            {"late", "\"yes\""},
            {"late", "1"},
            {
                "relatedTransactionIds",
                "[" + String.join(",", Collections.nCopies(101, "\"t\"")) + "]"
            },
            {
                "reasons",
                "[" + String.join(",", Collections.nCopies(17, REASON_JSON.toString())) + "]"
            },
            {"amount", "\"12.00\""},
            {"currency", "\"EUR\""}
        };
        for (String[] value : alertValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + shorten(value[1]),
                            ALERT,
                            ALERT_JSON.with(value[0], value[1])));
        }
        String[][] reasonValues = {
            {"detector", "\"\""},
            {"detector", "7"},
            {"message", "\"  \""},
            {"message", "\"" + "m".repeat(1025) + "\""},
            {"value", "1e400"},
            {"value", "\"6\""},
            {"threshold", "-1e999"},
            {"threshold", "true"}
        };
        for (String[] value : reasonValues) {
            samples.add(
                    new Sample(
                            "reason " + value[0] + " " + shorten(value[1]),
                            ALERT,
                            ALERT_JSON.with(
                                    "reasons", "[" + REASON_JSON.with(value[0], value[1]) + "]")));
        }
        for (String field : List.of("detector", "message", "value", "threshold")) {
            samples.add(
                    new Sample(
                            "reason without " + field,
                            ALERT,
                            ALERT_JSON.with("reasons", "[" + REASON_JSON.without(field) + "]")));
        }

        JsonObject score = TransactionScoreCodecTest.SCORE_JSON;
        for (String field :
                List.of(
                        "transactionId",
                        "accountId",
                        "eventTime",
                        "score",
                        "decision",
                        "modelVersion")) {
            samples.add(new Sample(field + " missing", TRANSACTION_SCORE, score.without(field)));
        }
        String[][] scoreValues = {
            {"score", "1.5"},
            {"decision", "\"HOLD\""},
            {"features", "{\"a\":\"x\"}"},
            {"features", "{\"a\":null}"},
            {"features", "{\"\":1}"},
            {"terminalId", "\"t\\u202e1\""},
            {"reasons", "[" + TransactionScoreCodecTest.CONTRIBUTION.without("weight") + "]"},
            {
                "reasons",
                "["
                        + String.join(
                                ",",
                                Collections.nCopies(
                                        9, TransactionScoreCodecTest.CONTRIBUTION.toString()))
                        + "]"
            }
        };
        for (String[] value : scoreValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + shorten(value[1]),
                            TRANSACTION_SCORE,
                            score.with(value[0], value[1])));
        }

        for (String field : List.of("accountId", "label", "source", "decidedAt")) {
            samples.add(new Sample(field + " missing", VERDICT, VERDICT_JSON.without(field)));
        }
        String[][] verdictValues = {
            {"label", "\"fraud\""},
            {"label", "true"},
            {"source", "\"bank\""},
            {"decidedAt", "\"2026-11-27\""},
            {"accountId", "42"},
            {"alertId", "\"\""},
            {"terminalId", "\" \""},
            {"note", "\"  \""},
            {"note", "5"},
            {"note", "\"" + "n".repeat(2049) + "\""},
            {"eventTime", "\"yesterday\""}
        };
        for (String[] value : verdictValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + shorten(value[1]),
                            VERDICT,
                            VERDICT_JSON.with(value[0], value[1])));
        }
        samples.add(
                new Sample(
                        "neither transaction nor alert",
                        VERDICT,
                        VERDICT_JSON.without("transactionId").with("alertId", "null")));

        for (String field :
                List.of(
                        "ruleId",
                        "ruleVersion",
                        "shadow",
                        "transactionId",
                        "accountId",
                        "eventTime",
                        "value",
                        "threshold",
                        "message")) {
            samples.add(
                    new Sample(field + " missing", RULE_HIT, RuleCodecsTest.HIT.without(field)));
        }
        samples.add(
                new Sample("ruleVersion 0", RULE_HIT, RuleCodecsTest.HIT.with("ruleVersion", "0")));
        samples.add(
                new Sample(
                        "ruleVersion beyond an int",
                        RULE_HIT,
                        RuleCodecsTest.HIT.with("ruleVersion", "2147483648")));
        samples.add(
                new Sample(
                        "message with a line break",
                        RULE_HIT,
                        RuleCodecsTest.HIT.with("message", str("a\\nb"))));

        samples.add(new Sample("an unknown status", RULE_STATUS, ruleStatus("MAYBE")));
        samples.add(new Sample("a rejection without reason", RULE_STATUS, ruleStatus("REJECTED")));
        samples.add(
                new Sample(
                        "an acceptance with a reason",
                        RULE_STATUS,
                        ruleStatus("ACCEPTED").with("reason", str("why"))));
        samples.add(
                new Sample(
                        "a negative version",
                        RULE_STATUS,
                        ruleStatus("DELETED").with("version", "-1")));
        samples.add(
                new Sample(
                        "a missing version",
                        RULE_STATUS,
                        ruleStatus("DELETED").without("version")));

        for (String field :
                List.of(
                        "reason",
                        "payload",
                        "sourceTopic",
                        "sourcePartition",
                        "sourceOffset",
                        "receivedAt")) {
            samples.add(
                    new Sample(field + " missing", DEAD_LETTER, DEAD_LETTER_JSON.without(field)));
        }
        String[][] deadLetterValues = {
            {"sourcePartition", "-1"},
            {"sourcePartition", "2147483648"},
            {"sourcePartition", "1.5"},
            {"sourcePartition", "\"3\""},
            {"sourceOffset", "-1"},
            {"sourceOffset", "9223372036854775808"},
            {"payload", "42"},
            {"payload", "\"not base64!\""},
            {"payload", "\"e===\""},
            {"payload", "\"€€€€\""},
            {"reason", "\"\""},
            {"sourceTopic", "\" \""},
            {"field", "\"\""},
            {"receivedAt", "\"later\""}
        };
        for (String[] value : deadLetterValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + value[1],
                            DEAD_LETTER,
                            DEAD_LETTER_JSON.with(value[0], value[1])));
        }

        for (String field :
                List.of("transactionId", "accountId", "timestamp", "fraud", "scenario")) {
            samples.add(
                    new Sample(field + " missing", GROUND_TRUTH, GROUND_TRUTH_JSON.without(field)));
        }
        String[][] labelValues = {
            {"fraud", "\"yes\""},
            {"fraud", "1"},
            {"accountId", "4"},
            {"timestamp", "\"yesterday\""},
            {"producedAt", "\"2026-11-26\""},
            {"terminalId", "\"t\\u202e7\""},
            {"scenario", "\"genuine\""},
            {"scenario", "\"\""},
            {"fraud", "false"}
        };
        for (String[] value : labelValues) {
            samples.add(
                    new Sample(
                            value[0] + " " + value[1],
                            GROUND_TRUTH,
                            GROUND_TRUTH_JSON.with(value[0], value[1])));
        }
        for (Event event : Event.values()) {
            for (String notAnObject : List.of("[]", "\"t-1\"", "42", "null", "true")) {
                samples.add(
                        new Sample(
                                "not an object: " + notAnObject,
                                event,
                                notAnObject.getBytes(UTF_8)));
            }
        }
        return samples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void everyClassOfInputTheCodecRejectsTheSchemaRejects(Sample sample) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> sample.event().codec.decode(sample.json()));

        assertThat(EventSchemas.violations(sample.event().file, sample.json()))
                .as("violations")
                .isNotEmpty();
    }

    /**
     * What the codecs reject and JSON Schema cannot express: each is named in docs/EVENTS.md
     * ("Schemas"), and each sample shows the difference still holds.
     */
    enum Difference {
        DUPLICATE_FIELDS("duplicate fields"),
        CODE_UNITS("UTF-16 code units"),
        INTEGRAL_DECIMALS("integers written as decimals"),
        AMOUNT_DIGITS("fraction digits of an amount written as a number"),
        EXPONENT_DIGITS("digits of an amount in exponent form"),
        OFFSET_PAST_9999("an offset past year 9999"),
        UNPADDED_BASE64("base64 padding"),
        INPUT_LIMITS("input limits");

        final String named;

        Difference(String named) {
            this.named = named;
        }
    }

    static Stream<Arguments> documentedDifferences() {
        String twice = TRANSACTION_JSON.toString().replace("}", ",\"amount\":\"1.00\"}");
        String deep = "[".repeat(40) + "]".repeat(40);
        return Stream.of(
                Arguments.of(
                        Difference.DUPLICATE_FIELDS,
                        new Sample("amount twice", TRANSACTION, twice.getBytes(UTF_8))),
                Arguments.of(
                        Difference.CODE_UNITS,
                        new Sample(
                                "129 emoji",
                                TRANSACTION,
                                TRANSACTION_JSON.with("accountId", str("😀".repeat(129))))),
                Arguments.of(
                        Difference.INTEGRAL_DECIMALS,
                        new Sample(
                                "partition 3.0",
                                DEAD_LETTER,
                                DEAD_LETTER_JSON.with("sourcePartition", "3.0"))),
                Arguments.of(
                        Difference.INTEGRAL_DECIMALS,
                        new Sample(
                                "version 1.0",
                                RULE_HIT,
                                RuleCodecsTest.HIT.with("ruleVersion", "1.0"))),
                Arguments.of(
                        Difference.AMOUNT_DIGITS,
                        new Sample(
                                "19 fraction digits",
                                TRANSACTION,
                                TRANSACTION_JSON.with("amount", "0.0000000000000000001"))),
                Arguments.of(
                        Difference.EXPONENT_DIGITS,
                        new Sample(
                                "21 integer digits",
                                TRANSACTION,
                                TRANSACTION_JSON.with("amount", str("1e20")))),
                Arguments.of(
                        Difference.EXPONENT_DIGITS,
                        new Sample(
                                "19 fraction digits",
                                TRANSACTION,
                                TRANSACTION_JSON.with("amount", str("1e-19")))),
                Arguments.of(
                        Difference.OFFSET_PAST_9999,
                        new Sample(
                                "9999-12-31T23:30-01:00",
                                TRANSACTION,
                                TRANSACTION_JSON.with(
                                        "timestamp", str("9999-12-31T23:30:00-01:00")))),
                Arguments.of(
                        Difference.UNPADDED_BASE64,
                        new Sample(
                                "no padding",
                                DEAD_LETTER,
                                DEAD_LETTER_JSON.with("payload", str("eyJhbW91bnQiOi01fQ")))),
                Arguments.of(
                        Difference.INPUT_LIMITS,
                        new Sample(
                                "larger than 64 KiB",
                                TRANSACTION,
                                TRANSACTION_JSON.with(
                                        "padding", str("x".repeat(EventCodec.MAX_EVENT_BYTES))))),
                Arguments.of(
                        Difference.INPUT_LIMITS,
                        new Sample(
                                "nested 41 deep",
                                TRANSACTION,
                                TRANSACTION_JSON.with("deep", deep))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("documentedDifferences")
    void whatTheSchemaCannotExpressIsADocumentedDifference(Difference difference, Sample sample)
            throws IOException {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> sample.event().codec.decode(sample.json()));

        assertThat(EventSchemas.violations(sample.event().file, sample.json())).isEmpty();
        assertThat(eventsDoc()).contains(difference.named);
    }

    /**
     * Hostile records: what a parser refuses never reaches a schema; of the rest, the schema
     * refuses every one but the documented differences (duplicate fields, deep unknown values).
     */
    @ParameterizedTest
    @EnumSource(HostileRecords.Kind.class)
    void hostileRecordsAreRefusedByTheParserOrTheSchema(HostileRecords.Kind kind) {
        Random random = new Random(20261201L + kind.ordinal());
        for (Event event : List.of(TRANSACTION, ALERT, VERDICT, DEAD_LETTER, GROUND_TRUTH)) {
            HostileRecords hostile = hostile(event);
            for (int i = 0; i < 5; i++) {
                HostileRecords.Record record = hostile.record(kind, random);
                assertThatExceptionOfType(InvalidEventException.class)
                        .isThrownBy(() -> event.codec.decode(record.value()));
                JsonNode parsed = EventSchemas.parse(record.value());
                if (parsed == null) {
                    continue;
                }
                boolean documented =
                        kind == HostileRecords.Kind.DUPLICATE_KEY
                                || kind == HostileRecords.Kind.DEEP_NESTING
                                || kind == HostileRecords.Kind.OVERSIZED;
                assertThat(EventSchemas.schema(event.file).validate(parsed).isEmpty())
                        .as(event.file + " " + record)
                        .isEqualTo(documented);
            }
        }
    }

    @Test
    void theCurrencyAndCountryListsAreTheJvmsTheCodecsCheckAgainst() {
        JsonNode defs = EventSchemas.schema(EventSchemas.DEFINITIONS).getSchemaNode().get("$defs");

        assertThat(texts(defs.at("/currency/enum")))
                .isEqualTo(
                        Currency.getAvailableCurrencies().stream()
                                .map(Currency::getCurrencyCode)
                                .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(texts(defs.at("/country/enum")))
                .isEqualTo(new TreeSet<>(Set.of(Locale.getISOCountries())));
    }

    @Test
    void everySchemaNamesItsDialectIdTitleAndDescription() throws IOException {
        for (String file : schemaFiles()) {
            JsonNode schema = EventSchemas.schema(file).getSchemaNode();

            assertThat(schema.path("$schema").asText())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.ID_PREFIX + file);
            assertThat(schema.path("title").asText()).as(file).isNotBlank();
            assertThat(schema.path("description").asText()).as(file).isNotBlank();
        }
    }

    /** The schema files in the events module's resources. */
    static List<String> schemaFiles() throws IOException {
        try (Stream<Path> files =
                Files.list(Path.of("src/main/resources", EventSchemas.RESOURCE_DIR))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String eventsDoc() throws IOException {
        return Files.readString(Path.of("../docs/EVENTS.md"));
    }

    private static void badIdentifiers(
            List<Sample> samples, Event event, JsonObject json, String field) {
        String[] values = {
            "\"\"",
            "\"   \"",
            "\"\u2003\"",
            "\"a\\u0000\"",
            "\"a\\nb\"",
            "\"acct\\u202e24\"",
            "\"m\\u200b1\"",
            "\"t\\u2028\"",
            "\"t\\udb40\\udc41\"",
            "\"\\ud800x\"",
            "\"x\\udc00\"",
            "\"" + "x".repeat(257) + "\""
        };
        for (String value : values) {
            samples.add(new Sample(field + " " + shorten(value), event, json.with(field, value)));
        }
    }

    private static JsonObject bareTransaction() {
        return JsonObject.of(
                "transactionId", str("t-2"),
                "accountId", str("acct-42"),
                "timestamp", str("2026-11-26T17:30:04.123Z"),
                "amount", "0.99",
                "currency", str("USD"));
    }

    private static JsonObject ruleStatus(String status) {
        return JsonObject.of(
                "ruleId", str("terminal-burst"),
                "version", "2",
                "status", str(status),
                "at", str("2026-12-01T10:00:00Z"));
    }

    private static HostileRecords hostile(Event event) {
        return switch (event) {
            case TRANSACTION -> new HostileRecords(TRANSACTION_JSON.fields(), "accountId", "lat");
            case ALERT -> new HostileRecords(ALERT_JSON.fields(), "accountId", "score");
            case VERDICT -> new HostileRecords(VERDICT_JSON.fields(), "accountId", "decidedAt");
            case DEAD_LETTER ->
                    new HostileRecords(DEAD_LETTER_JSON.fields(), "sourceTopic", "sourcePartition");
            case GROUND_TRUTH ->
                    new HostileRecords(GROUND_TRUTH_JSON.fields(), "accountId", "timestamp");
            default -> throw new IllegalArgumentException(event.name());
        };
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(Event event, Object value) {
        return ((EventCodec<Object>) event.codec).encode(value);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 20) + "... (" + raw.length() + ")" : raw;
    }
}
