package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertFixedPoint;
import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRejectedStartingWith;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.Events.ALERT_JSON;
import static io.fraudstream.events.Events.REASON_JSON;
import static io.fraudstream.events.JsonObject.json;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertCodecTest {

    private static final AlertCodec CODEC = AlertCodec.INSTANCE;

    private static Alert decode(JsonObject json) {
        return CODEC.decode(json.bytes());
    }

    private static JsonObject withReason(JsonObject reason) {
        return ALERT_JSON.with("reasons", "[" + reason + "]");
    }

    @Nested
    class Decoding {

        @Test
        void decodesTheExampleAlert() {
            assertThat(decode(ALERT_JSON)).isEqualTo(Events.alert());
        }

        @Test
        void readsTheTerminalAndMerchantAndAnAlertWithoutThemStillDecodes() {
            Alert alert =
                    decode(
                            ALERT_JSON
                                    .with("terminalId", str("term-77"))
                                    .with("merchantId", str("m-991")));

            assertThat(alert.terminalId()).isEqualTo("term-77");
            assertThat(alert.merchantId()).isEqualTo("m-991");
            assertRoundTrips(AlertCodec.INSTANCE, alert);
            assertThat(decode(ALERT_JSON).terminalId()).isNull();
            assertThat(decode(ALERT_JSON).merchantId()).isNull();
        }

        @Test
        void readsTheAmountAndCurrencyAndAnAlertWithoutThemStillDecodes() {
            Alert alert =
                    decode(ALERT_JSON.with("amount", str("125.40")).with("currency", str("EUR")));

            assertThat(alert.amount()).isEqualByComparingTo("125.40");
            assertThat(alert.amount().scale()).isEqualTo(2);
            assertThat(alert.currency()).isEqualTo("EUR");
            assertRoundTrips(AlertCodec.INSTANCE, alert);
            assertThat(new String(CODEC.encode(alert), UTF_8))
                    .endsWith("\"amount\":\"125.40\",\"currency\":\"EUR\"}");
            assertThat(decode(ALERT_JSON).amount()).isNull();
            assertThat(decode(ALERT_JSON).currency()).isNull();
        }

        @Test
        void rejectsAnAmountWithoutCurrencyOrACurrencyWithoutAmount() {
            assertRejected(
                    CODEC,
                    ALERT_JSON.with("amount", str("10")).bytes(),
                    "currency",
                    "currency: required");
            assertRejected(
                    CODEC,
                    ALERT_JSON.with("currency", str("EUR")).bytes(),
                    "amount",
                    "amount: required with a currency");
            assertRejected(
                    CODEC,
                    ALERT_JSON.with("amount", str("-1")).with("currency", str("EUR")).bytes(),
                    "amount",
                    "amount: must be >= 0, was -1");
        }

        @Test
        void readsLateAsFalseWhenAbsentOrNull() {
            assertThat(decode(ALERT_JSON.without("late")).late()).isFalse();
            assertThat(decode(ALERT_JSON.with("late", "null")).late()).isFalse();
        }

        @Test
        void readsAnAlertTriggeredByALateEvent() {
            assertThat(decode(ALERT_JSON.with("late", "true")).late()).isTrue();
        }

        @Test
        void acceptsAnAlertWithoutRelatedTransactions() {
            assertThat(
                            decode(ALERT_JSON.with("relatedTransactionIds", "[]"))
                                    .relatedTransactionIds())
                    .isEmpty();
        }

        @Test
        void keepsTheOrderOfReasonsAndRelatedTransactions() {
            JsonObject second =
                    REASON_JSON.with("detector", str("amount-spike")).with("value", "900");
            Alert alert =
                    decode(
                            ALERT_JSON
                                    .with("relatedTransactionIds", "[\"t-7\",\"t-5\",\"t-7\"]")
                                    .with("reasons", "[" + REASON_JSON + "," + second + "]"));

            assertThat(alert.relatedTransactionIds()).containsExactly("t-7", "t-5", "t-7");
            assertThat(alert.reasons())
                    .extracting(Alert.Reason::detector)
                    .containsExactly("velocity", "amount-spike");
        }

        @Test
        void acceptsScoresOnTheBounds() {
            assertThat(decode(ALERT_JSON.with("score", "0")).score()).isZero();
            assertThat(decode(ALERT_JSON.with("score", "1")).score()).isEqualTo(1.0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"x\"", "{\"nested\":[1,2,{}]}", "[[],[[]]]", "null", "-1e300"})
        void ignoresUnknownFieldsAtTheTopAndInsideReasons(String rawValue) {
            JsonObject json =
                    withReason(REASON_JSON.with("weight", rawValue)).with("extra", rawValue);

            assertThat(decode(json)).isEqualTo(Events.alert());
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest
        @ValueSource(
                strings = {
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
                    "ruleVersion"
                })
        void rejectsAMissingRequiredFieldNamingIt(String field) {
            assertRejected(CODEC, ALERT_JSON.without(field).bytes(), field, field + ": required");
            assertRejected(
                    CODEC, ALERT_JSON.with(field, "null").bytes(), field, field + ": required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"detector", "message", "value", "threshold"})
        void rejectsAReasonMissingAFieldNamingItsPath(String field) {
            String path = "reasons[0]." + field;

            assertRejected(
                    CODEC,
                    withReason(REASON_JSON.without(field)).bytes(),
                    path,
                    path + ": required");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        score | 1.5 | must be in [0.0, 1.0], was 1.5
                        score | -0.1 | must be in [0.0, 1.0], was -0.1
                        score | 1e400 | must be a finite number, was Infinity
                        score | "0.5" | must be a JSON number, was a string
                        severity | "SEVERE" | not one of LOW, MEDIUM, HIGH, CRITICAL, was "SEVERE"
                        severity | "high" | not one of LOW, MEDIUM, HIGH, CRITICAL, was "high"
                        action | "flag" | not one of FLAG, BLOCK, was "flag"
                        action | 1 | must be a JSON string, was a number
                        reasons | [] | must not be empty
                        reasons | {} | must be a JSON array, was an object
                        relatedTransactionIds | "t-5" | must be a JSON array, was a string
                        eventTime | "now" | not an ISO-8601 instant, was "now"
                        detectedAt | 1764178204 | must be a JSON string, was a number
                        ruleVersion | "" | must not be empty
                        late | "yes" | must be a JSON boolean, was a string
                        late | 1 | must be a JSON boolean, was a number
                        """)
        void rejectsAnInvalidValueNamingTheField(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC, ALERT_JSON.with(field, rawValue).bytes(), field, field + ": " + reason);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        ["t-5",7] | relatedTransactionIds[1] | must be a JSON string, was a number
                        ["t-5",null] | relatedTransactionIds[1] | must be a JSON string, was null
                        [" "] | relatedTransactionIds[0] | must not be blank
                        """)
        void rejectsAnInvalidRelatedTransactionNamingItsIndex(
                String rawValue, String path, String reason) {
            assertRejected(
                    CODEC,
                    ALERT_JSON.with("relatedTransactionIds", rawValue).bytes(),
                    path,
                    path + ": " + reason);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        ["x"] | must be a JSON object, was a string
                        [null] | must be a JSON object, was null
                        """)
        void rejectsAReasonThatIsNoObject(String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    ALERT_JSON.with("reasons", rawValue).bytes(),
                    "reasons[0]",
                    "reasons[0]: " + reason);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        detector | "" | must not be empty
                        detector | 7 | must be a JSON string, was a number
                        message | "  " | must not be blank
                        value | 1e400 | must be a finite number, was Infinity
                        value | "6" | must be a JSON number, was a string
                        threshold | -1e999 | must be a finite number, was -Infinity
                        threshold | true | must be a JSON number, was a boolean
                        """)
        void rejectsAnInvalidReasonNamingItsPath(String field, String rawValue, String reason) {
            String path = "reasons[0]." + field;

            assertRejected(
                    CODEC,
                    withReason(REASON_JSON.with(field, rawValue)).bytes(),
                    path,
                    path + ": " + reason);
        }

        @Test
        void namesTheIndexOfTheInvalidReason() {
            JsonObject json =
                    ALERT_JSON.with(
                            "reasons",
                            "[" + REASON_JSON + "," + REASON_JSON.with("value", "null") + "]");

            assertRejected(CODEC, json.bytes(), "reasons[1].value", "reasons[1].value: required");
        }

        @Test
        void blamesMalformedJsonInsideAReasonOnItsField() {
            assertRejectedStartingWith(
                    CODEC,
                    withReason(REASON_JSON.with("value", "NaN")).bytes(),
                    "reasons[0].value",
                    "reasons[0].value: malformed JSON at offset ");
        }

        @Test
        void rejectsADuplicateFieldInsideAReason() {
            String reason = REASON_JSON.toString().replace("}", ",\"detector\":\"again\"}");

            assertRejected(
                    CODEC,
                    ALERT_JSON.with("reasons", "[" + reason + "]").bytes(),
                    "reasons[0].detector",
                    "reasons[0].detector: duplicate field");
        }

        @Test
        void rejectsMoreThan100RelatedTransactions() {
            String ids = String.join(",", Collections.nCopies(101, "\"t\""));

            assertRejected(
                    CODEC,
                    ALERT_JSON.with("relatedTransactionIds", "[" + ids + "]").bytes(),
                    "relatedTransactionIds",
                    "relatedTransactionIds: more than 100 entries, was 101");
        }

        @Test
        void rejectsMoreThan16Reasons() {
            String reasons = String.join(",", Collections.nCopies(17, REASON_JSON.toString()));

            assertRejected(
                    CODEC,
                    ALERT_JSON.with("reasons", "[" + reasons + "]").bytes(),
                    "reasons",
                    "reasons: more than 16 entries, was 17");
        }

        @Test
        void rejectsInputThatIsNotAnObject() {
            assertRejected(
                    CODEC, "[]".getBytes(UTF_8), null, "payload: not a JSON object, was an array");
        }
    }

    @Nested
    class Encoding {

        @Test
        void writesFieldsInComponentOrderIncludingLate() {
            assertThat(new String(CODEC.encode(Events.alert()), UTF_8))
                    .isEqualTo(
                            json(
                                    "{'alertId':'a-5f1c','accountId':'acct-42',"
                                            + "'transactionId':'t-9',"
                                            + "'relatedTransactionIds':['t-5','t-7'],"
                                            + "'eventTime':'2026-11-26T17:30:04.123Z',"
                                            + "'detectedAt':'2026-11-26T17:30:04.200Z',"
                                            + "'score':0.91,'severity':'HIGH','action':'BLOCK',"
                                            + "'reasons':[{'detector':'velocity',"
                                            + "'message':'6 transactions in 10 minutes',"
                                            + "'value':6.0,'threshold':5.0}],"
                                            + "'ruleVersion':'rules-7','late':false}"));
        }

        @Test
        void roundTripsToAnEqualAlert() {
            Alert alert = Events.alert();
            Alert late =
                    new Alert(
                            "a-1",
                            "acct-1",
                            "t-1",
                            List.of(),
                            Events.PAYMENT_TIME,
                            Events.DETECTED_AT,
                            Double.MIN_VALUE,
                            Alert.Severity.CRITICAL,
                            Alert.Action.FLAG,
                            List.of(
                                    new Alert.Reason("geo", "line one\nline \"two\"", -0.0, 1e-300),
                                    Events.reason()),
                            "v1.2.3",
                            true);

            assertRoundTrips(CODEC, alert);
            assertRoundTrips(CODEC, late);
        }

        @Test
        void reachesAFixedPointAfterOneDecodeEncode() {
            JsonObject json =
                    ALERT_JSON
                            .without("late")
                            .with("score", "1")
                            .with("eventTime", str("2026-11-26T18:30:04.1+01:00"))
                            .with(
                                    "reasons",
                                    "[" + REASON_JSON.with("value", "6").with("x", "[1]") + "]");

            assertFixedPoint(CODEC, json.bytes());
        }

        @Test
        void refusesAnAlertTooLargeForTheWire() {
            String longId = "日".repeat(256);
            List<String> related = Collections.nCopies(100, longId);
            Alert huge =
                    new Alert(
                            "a-1",
                            "acct-1",
                            "t-1",
                            related,
                            Events.PAYMENT_TIME,
                            Events.DETECTED_AT,
                            1,
                            Alert.Severity.HIGH,
                            Alert.Action.BLOCK,
                            List.of(Events.reason()),
                            "v1",
                            false);

            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> CODEC.encode(huge))
                    .withMessageContaining("more than the 65536 its decoder accepts");
        }
    }
}
