package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionScoreCodecTest {

    private static final TransactionScoreCodec CODEC = TransactionScoreCodec.INSTANCE;

    static final JsonObject CONTRIBUTION =
            JsonObject.of(
                    "feature",
                    str("terminal.fraudShare.7d"),
                    "message",
                    str(
                            "terminal term-77: 4 of 9 transactions in the last 7 known days"
                                    + " confirmed fraud"),
                    "value",
                    "0.444",
                    "weight",
                    "2.1");

    static final JsonObject SCORE_JSON =
            JsonObject.of(
                    "transactionId", str("t-1"),
                    "accountId", str("acct-42"),
                    "terminalId", str("term-77"),
                    "merchantId", str("m-991"),
                    "eventTime", str("2026-11-26T17:30:04.123Z"),
                    "score", "0.83",
                    "decision", str("REVIEW"),
                    "modelVersion", str("handbook-v2"),
                    "reasons", "[" + CONTRIBUTION + "]");

    private static TransactionScore example() {
        return new TransactionScore(
                "t-1",
                "acct-42",
                "term-77",
                "m-991",
                Instant.parse("2026-11-26T17:30:04.123Z"),
                0.83,
                TransactionScore.Decision.REVIEW,
                "handbook-v2",
                List.of(
                        new TransactionScore.Contribution(
                                "terminal.fraudShare.7d",
                                "terminal term-77: 4 of 9 transactions in the last 7 known days"
                                        + " confirmed fraud",
                                0.444,
                                2.1)),
                Map.of());
    }

    @Test
    void decodesTheExampleAndWritesItBackByteForByte() {
        assertThat(CODEC.decode(SCORE_JSON.bytes())).isEqualTo(example());
        assertThat(new String(CODEC.encode(example()), UTF_8)).isEqualTo(SCORE_JSON.toString());
    }

    @Test
    void aScoreWithoutReasonsOrEntitiesIsValid() {
        TransactionScore bare =
                CODEC.decode(
                        SCORE_JSON
                                .without("reasons")
                                .without("terminalId")
                                .without("merchantId")
                                .bytes());

        assertThat(bare.reasons()).isEmpty();
        assertThat(bare.terminalId()).isNull();
        assertThat(bare.features()).isEmpty();
    }

    @Test
    void featuresRoundTripInNameOrder() {
        TransactionScore score =
                CODEC.decode(SCORE_JSON.with("features", "{\"b\":2,\"a\":1.5}").bytes());

        assertThat(score.features()).containsExactly(Map.entry("a", 1.5), Map.entry("b", 2.0));
        assertRoundTrips(CODEC, score);
        assertThat(new String(CODEC.encode(score), UTF_8))
                .endsWith(",\"features\":{\"a\":1.5,\"b\":2.0}}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "transactionId",
                "accountId",
                "eventTime",
                "score",
                "decision",
                "modelVersion"
            })
    void rejectsAMissingRequiredFieldNamingIt(String field) {
        assertRejected(CODEC, SCORE_JSON.without(field).bytes(), field, field + ": required");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertRejected(
                CODEC,
                SCORE_JSON.with("score", "1.5").bytes(),
                "score",
                "score: must be in [0.0, 1.0], was 1.5");
        assertRejected(
                CODEC,
                SCORE_JSON.with("decision", str("HOLD")).bytes(),
                "decision",
                "decision: not one of APPROVE, REVIEW, DECLINE, was \"HOLD\"");
        assertRejected(
                CODEC,
                SCORE_JSON.with("features", "{\"a\":1,\"a\":2}").bytes(),
                "features.a",
                "features.a: duplicate field");
        assertRejected(
                CODEC,
                SCORE_JSON.with("features", "{\"a\":\"x\"}").bytes(),
                "features.a",
                "features.a: must be a JSON number, was a string");
        assertRejected(
                CODEC,
                SCORE_JSON.with("reasons", "[" + CONTRIBUTION.without("weight") + "]").bytes(),
                "reasons[0].weight",
                "reasons[0].weight: required");
        assertRejected(
                CODEC,
                SCORE_JSON.with("terminalId", str("t\\u202e1")).bytes(),
                "terminalId",
                "terminalId: must not contain invisible or bidi format characters, was \"t\\u202e1\"");
    }

    @Test
    void rejectsMoreThanEightReasons() {
        String nine = String.join(",", Collections.nCopies(9, CONTRIBUTION.toString()));

        assertRejected(
                CODEC,
                SCORE_JSON.with("reasons", "[" + nine + "]").bytes(),
                "reasons",
                "reasons: more than 8 entries, was 9");
    }
}
