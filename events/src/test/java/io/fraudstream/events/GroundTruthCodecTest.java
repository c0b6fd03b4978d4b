package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.JsonObject.json;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GroundTruthCodecTest {

    private static final GroundTruthCodec CODEC = GroundTruthCodec.INSTANCE;

    @Test
    void decodesTheExampleLabel() {
        assertThat(CODEC.decode(Events.GROUND_TRUTH_JSON.bytes())).isEqualTo(Events.groundTruth());
    }

    @Test
    void writesTheLabelFileFormatFieldForField() {
        assertThat(new String(CODEC.encode(Events.groundTruth()), UTF_8))
                .isEqualTo(
                        json(
                                "{'transactionId':'t-9','accountId':'acct-4',"
                                        + "'timestamp':'2026-11-26T17:30:04Z','fraud':true,"
                                        + "'scenario':'card-testing','terminalId':'term-7',"
                                        + "'producedAt':'2026-11-26T17:30:04.120Z'}"));
    }

    @Test
    void leavesOutAnUnknownTerminalAndProductionTime() {
        GroundTruth genuine =
                new GroundTruth(
                        "t-1",
                        "acct-4",
                        Instant.parse("2026-11-26T17:30:04Z"),
                        false,
                        GroundTruth.GENUINE,
                        null,
                        null);

        assertThat(new String(CODEC.encode(genuine), UTF_8))
                .isEqualTo(
                        json(
                                "{'transactionId':'t-1','accountId':'acct-4',"
                                        + "'timestamp':'2026-11-26T17:30:04Z','fraud':false,"
                                        + "'scenario':'genuine'}"));
        assertRoundTrips(CODEC, genuine);
    }

    @Test
    void roundTripsALabelWithItsProductionTime() {
        assertRoundTrips(CODEC, Events.groundTruth());
        assertRoundTrips(
                CODEC, Events.groundTruth().producedAt(Instant.parse("2026-11-26T17:30:05Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transactionId", "accountId", "timestamp", "fraud", "scenario"})
    void rejectsAMissingRequiredFieldNamingIt(String field) {
        assertRejected(
                CODEC,
                Events.GROUND_TRUTH_JSON.without(field).bytes(),
                field,
                field + ": required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    fraud | "yes" | fraud: must be a JSON boolean, was a string
                    fraud | 1 | fraud: must be a JSON boolean, was a number
                    accountId | 4 | accountId: must be a JSON string, was a number
                    timestamp | "yesterday" | timestamp: not an ISO-8601 instant, was "yesterday"
                    producedAt | "2026-11-26" | producedAt: not an ISO-8601 instant, was "2026-11-26"
                    terminalId | "t\\u202e7" | terminalId: must not contain invisible or bidi format characters, was "t\\u202e7"
                    scenario | "genuine" | scenario: a fraud needs a fraud scenario, was "genuine"
                    scenario | "" | scenario: must not be empty
                    """)
    void rejectsAnInvalidFieldNamingIt(String field, String rawValue, String message) {
        assertRejected(
                CODEC, Events.GROUND_TRUTH_JSON.with(field, rawValue).bytes(), field, message);
    }

    @Test
    void rejectsAGenuineLabelWithAFraudScenario() {
        assertRejected(
                CODEC,
                Events.GROUND_TRUTH_JSON.with("fraud", "false").bytes(),
                "scenario",
                "scenario: must be genuine, was \"card-testing\"");
    }

    @Test
    void ignoresUnknownFieldsAndReadsAnOffsetTimeInUtc() {
        GroundTruth label =
                CODEC.decode(
                        Events.GROUND_TRUTH_JSON
                                .with("timestamp", str("2026-11-26T18:30:04+01:00"))
                                .with("note", "{\"any\":[1]}")
                                .bytes());

        assertThat(label).isEqualTo(Events.groundTruth());
    }
}
