package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertFixedPoint;
import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.Events.VERDICT_JSON;
import static io.fraudstream.events.JsonObject.json;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictCodecTest {

    private static final VerdictCodec CODEC = VerdictCodec.INSTANCE;

    private static Verdict decode(JsonObject json) {
        return CODEC.decode(json.bytes());
    }

    @Nested
    class Decoding {

        @Test
        void decodesTheExampleVerdict() {
            assertThat(decode(VERDICT_JSON)).isEqualTo(Events.verdict());
        }

        @ParameterizedTest
        @CsvSource({
            "analyst, ANALYST",
            "ANALYST, ANALYST",
            "Chargeback, CHARGEBACK",
            "rEpLaY, REPLAY"
        })
        void readsTheSourceInAnyCase(String raw, Verdict.Source expected) {
            assertThat(decode(VERDICT_JSON.with("source", str(raw))).source()).isEqualTo(expected);
        }

        @Test
        void acceptsAVerdictOnATransactionOnly() {
            Verdict verdict = decode(VERDICT_JSON.without("alertId"));

            assertThat(verdict.transactionId()).isEqualTo("t-1");
            assertThat(verdict.alertId()).isNull();
        }

        @Test
        void acceptsAVerdictOnAnAlertOnly() {
            Verdict verdict = decode(VERDICT_JSON.with("transactionId", "null"));

            assertThat(verdict.transactionId()).isNull();
            assertThat(verdict.alertId()).isEqualTo("a-5f1c");
        }

        @Test
        void acceptsANoteWithLineBreaks() {
            assertThat(decode(VERDICT_JSON.with("note", str("line one\\nline two"))).note())
                    .isEqualTo("line one\nline two");
        }

        @Test
        void readsTheMerchantAndTheLabelledTransactionsTime() {
            Verdict verdict =
                    decode(
                            VERDICT_JSON
                                    .with("merchantId", str("m-991"))
                                    .with("eventTime", str("2026-11-26T18:30:04+01:00")));

            assertThat(verdict.merchantId()).isEqualTo("m-991");
            assertThat(verdict.eventTime()).isEqualTo(Instant.parse("2026-11-26T17:30:04Z"));
            assertRoundTrips(CODEC, verdict);
        }

        @Test
        void aVerdictWrittenBeforeMerchantAndEventTimeExistedStillDecodes() {
            Verdict old = decode(VERDICT_JSON);

            assertThat(old.merchantId()).isNull();
            assertThat(old.eventTime()).isNull();
            assertThat(new String(CODEC.encode(old), UTF_8))
                    .doesNotContain("merchantId", "eventTime");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "\"x\"", "{\"a\":{\"b\":[]}}", "[null]"})
        void ignoresUnknownFields(String rawValue) {
            assertThat(decode(VERDICT_JSON.with("reviewer", rawValue))).isEqualTo(Events.verdict());
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest
        @ValueSource(strings = {"accountId", "label", "source", "decidedAt"})
        void rejectsAMissingRequiredFieldNamingIt(String field) {
            assertRejected(CODEC, VERDICT_JSON.without(field).bytes(), field, field + ": required");
        }

        @Test
        void rejectsAVerdictNamingNeitherTransactionNorAlert() {
            assertRejected(
                    CODEC,
                    VERDICT_JSON.without("transactionId").without("alertId").bytes(),
                    "transactionId",
                    "transactionId: required unless alertId is given (one of the two)");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        label | "fraud" | not one of FRAUD, LEGIT, was "fraud"
                        label | true | must be a JSON string, was a boolean
                        source | "bank" | not one of analyst, chargeback, replay, customer, was "bank"
                        decidedAt | "2026-11-27" | not an ISO-8601 instant, was "2026-11-27"
                        accountId | 42 | must be a JSON string, was a number
                        alertId | "" | must not be empty
                        terminalId | " " | must not be blank
                        note | "  " | must not be blank
                        note | 5 | must be a JSON string, was a number
                        """)
        void rejectsAnInvalidValueNamingTheField(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    VERDICT_JSON.with(field, rawValue).bytes(),
                    field,
                    field + ": " + reason);
        }

        @Test
        void rejectsANoteLongerThan2048Characters() {
            assertRejected(
                    CODEC,
                    VERDICT_JSON.with("note", str("n".repeat(2049))).bytes(),
                    "note",
                    "note: longer than 2048 characters, was 2049");
        }

        @Test
        void rejectsTrailingContent() {
            assertRejected(
                    CODEC,
                    (VERDICT_JSON + "{}").getBytes(UTF_8),
                    null,
                    "payload: unexpected content after the JSON object");
        }
    }

    @Nested
    class Encoding {

        @Test
        void writesFieldsInComponentOrderWithTheSourceInLowerCase() {
            assertThat(new String(CODEC.encode(Events.verdict()), UTF_8))
                    .isEqualTo(
                            json(
                                    "{'accountId':'acct-42','transactionId':'t-1',"
                                            + "'alertId':'a-5f1c','terminalId':'term-77',"
                                            + "'label':'FRAUD','source':'analyst',"
                                            + "'decidedAt':'2026-11-27T09:12:00Z',"
                                            + "'note':'customer confirmed the card was stolen'}"));
        }

        @Test
        void leavesOutUnsetOptionalFields() {
            Verdict chargeback =
                    new Verdict(
                            "acct-42",
                            "t-1",
                            null,
                            null,
                            Verdict.Label.LEGIT,
                            Verdict.Source.CHARGEBACK,
                            Events.DECIDED_AT,
                            null);

            assertThat(new String(CODEC.encode(chargeback), UTF_8))
                    .isEqualTo(
                            json(
                                    "{'accountId':'acct-42','transactionId':'t-1',"
                                            + "'label':'LEGIT','source':'chargeback',"
                                            + "'decidedAt':'2026-11-27T09:12:00Z'}"));
            assertRoundTrips(CODEC, chargeback);
        }

        @Test
        void roundTripsToAnEqualVerdict() {
            assertRoundTrips(CODEC, Events.verdict());
        }

        @Test
        void reachesAFixedPointAfterOneDecodeEncode() {
            JsonObject json =
                    VERDICT_JSON
                            .with("source", str("CHARGEBACK"))
                            .with("decidedAt", str("2026-11-27T10:12:00.000+01:00"))
                            .with("note", str("caf\\u00e9\\t\\ud83d\\ude00"))
                            .with("extra", "[1]");

            assertFixedPoint(CODEC, json.bytes());
        }
    }
}
