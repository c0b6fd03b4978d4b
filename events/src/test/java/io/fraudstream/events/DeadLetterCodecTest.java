package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertFixedPoint;
import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRejectedStartingWith;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.Events.DEAD_LETTER_JSON;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLetterCodecTest {

    private static final DeadLetterCodec CODEC = DeadLetterCodec.INSTANCE;

    private static DeadLetter decode(JsonObject json) {
        return CODEC.decode(json.bytes());
    }

    @Nested
    class Decoding {

        @Test
        void decodesTheExampleWithTheOriginalBytes() {
            DeadLetter deadLetter = decode(DEAD_LETTER_JSON);

            assertThat(deadLetter).isEqualTo(Events.deadLetter());
            assertThat(new String(deadLetter.payload(), UTF_8)).isEqualTo("{\"amount\":-5}");
        }

        @Test
        void acceptsADeadLetterWithoutAField() {
            assertThat(decode(DEAD_LETTER_JSON.without("field")).field()).isNull();
        }

        @Test
        void acceptsAnEmptyPayload() {
            assertThat(decode(DEAD_LETTER_JSON.with("payload", str(""))).payload()).isEmpty();
        }

        @Test
        void acceptsADeadLetterLargerThanOtherEvents() {
            byte[] original = new byte[100 * 1024];
            String base64 = Base64.getEncoder().encodeToString(original);

            DeadLetter deadLetter = decode(DEAD_LETTER_JSON.with("payload", str(base64)));

            assertThat(deadLetter.payload()).isEqualTo(original);
        }

        @Test
        void acceptsTheLargestOffset() {
            assertThat(
                            decode(DEAD_LETTER_JSON.with("sourceOffset", "9223372036854775807"))
                                    .sourceOffset())
                    .isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "reason",
                    "payload",
                    "sourceTopic",
                    "sourcePartition",
                    "sourceOffset",
                    "receivedAt"
                })
        void rejectsAMissingRequiredFieldNamingIt(String field) {
            assertRejected(
                    CODEC, DEAD_LETTER_JSON.without(field).bytes(), field, field + ": required");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        sourcePartition | -1 | must be >= 0, was -1
                        sourcePartition | 2147483648 | must be <= 2147483647, was 2147483648
                        sourcePartition | 1.5 | must be a JSON integer, was a number
                        sourcePartition | "3" | must be a JSON integer, was a string
                        sourceOffset | -1 | must be >= 0, was -1
                        sourceOffset | 9223372036854775808 | out of range for a 64-bit integer
                        payload | 42 | must be a base64 JSON string, was a number
                        reason | "" | must not be empty
                        sourceTopic | " " | must not be blank
                        field | "" | must not be empty
                        receivedAt | "later" | not an ISO-8601 instant, was "later"
                        """)
        void rejectsAnInvalidValueNamingTheField(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    DEAD_LETTER_JSON.with(field, rawValue).bytes(),
                    field,
                    field + ": " + reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not base64!", "eyJhbW91bnQiOi01fQ", "e===", "€€€€"})
        void rejectsAPayloadThatIsNotBase64(String payload) {
            assertRejectedStartingWith(
                    CODEC,
                    DEAD_LETTER_JSON.with("payload", str(payload)).bytes(),
                    "payload",
                    "payload: not valid base64: ");
        }

        @Test
        void rejectsAPayloadLargerThan512KiB() {
            byte[] original = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 1];
            String base64 = Base64.getEncoder().encodeToString(original);

            assertRejected(
                    CODEC,
                    DEAD_LETTER_JSON.with("payload", str(base64)).bytes(),
                    "payload",
                    "payload: larger than 524288 bytes, was 524289");
        }

        @Test
        void rejectsInputLargerThan1MiB() {
            byte[] json = DEAD_LETTER_JSON.with("padding", str("x".repeat(1024 * 1024))).bytes();

            assertRejected(
                    CODEC, json, null, "payload: larger than 1048576 bytes, was " + json.length);
        }
    }

    @Nested
    class Encoding {

        @Test
        void writesFieldsInComponentOrderWithThePayloadInBase64() {
            assertThat(new String(CODEC.encode(Events.deadLetter()), UTF_8))
                    .isEqualTo(DEAD_LETTER_JSON.toString());
        }

        @Test
        void roundTripsAnyBytesAsPayload() {
            byte[] everyByte = new byte[256];
            for (int i = 0; i < everyByte.length; i++) {
                everyByte[i] = (byte) i;
            }
            DeadLetter binary =
                    new DeadLetter(
                            "payload: not valid UTF-8 at offset 128",
                            null,
                            everyByte,
                            "transactions",
                            0,
                            0,
                            Events.REJECTED_AT);

            assertRoundTrips(CODEC, binary);
        }

        @Test
        void reachesAFixedPointAfterOneDecodeEncode() {
            JsonObject json =
                    DEAD_LETTER_JSON
                            .without("field")
                            .with("receivedAt", str("2026-11-26T18:30:05.002000+01:00"))
                            .with("extra", "{}");

            assertFixedPoint(CODEC, json.bytes());
        }

        @Test
        void carriesARejectedTransactionAndItsReason() {
            byte[] original = Events.TRANSACTION_JSON.with("currency", "\"\\ud800\"").bytes();
            InvalidEventException rejection =
                    catchThrowableOfType(
                            InvalidEventException.class,
                            () -> TransactionCodec.INSTANCE.decode(original));

            DeadLetter deadLetter =
                    new DeadLetter(
                            rejection.getMessage(),
                            rejection.field(),
                            original,
                            Topic.TRANSACTIONS.defaultName(),
                            1,
                            7,
                            Events.REJECTED_AT);

            assertRoundTrips(CODEC, deadLetter);
            assertThat(CODEC.decode(CODEC.encode(deadLetter)).reason())
                    .isEqualTo("currency: not an ISO 4217 code, was \"\\ud800\"");
        }
    }
}
