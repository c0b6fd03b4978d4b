package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertFixedPoint;
import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRejectedStartingWith;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.Events.TRANSACTION_JSON;
import static io.fraudstream.events.JsonObject.json;
import static io.fraudstream.events.JsonObject.str;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionCodecTest {

    private static final TransactionCodec CODEC = TransactionCodec.INSTANCE;

    private static Transaction decode(JsonObject json) {
        return CODEC.decode(json.bytes());
    }

    private static BigDecimal amountOf(String rawAmount) {
        return decode(TRANSACTION_JSON.with("amount", rawAmount)).amount();
    }

    @Nested
    class Decoding {

        @Test
        void decodesTheDesignExampleKeepingTheAmountsScale() {
            Transaction transaction = decode(TRANSACTION_JSON);

            assertThat(transaction).isEqualTo(Events.transaction());
            assertThat(transaction.amount().scale()).isEqualTo(2);
            assertThat(transaction.amount().toPlainString()).isEqualTo("125.40");
        }

        @Test
        void acceptsTheAmountAsAJsonNumberKeepingItExact() {
            assertThat(amountOf("125.40")).isEqualTo(new BigDecimal("125.40"));
            assertThat(amountOf("0.1")).isEqualTo(new BigDecimal("0.1"));
            assertThat(amountOf("12345678901234567890.123456789012345678"))
                    .isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
            assertThat(amountOf("0")).isEqualTo(new BigDecimal("0"));
        }

        @Test
        void acceptsTheAmountAsAStringKeepingItExact() {
            assertThat(amountOf(str("0.10"))).isEqualTo(new BigDecimal("0.10"));
            assertThat(amountOf(str("12345678901234567890.123456789012345678")))
                    .isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
            assertThat(amountOf(str("007.50"))).isEqualTo(new BigDecimal("7.50"));
        }

        @Test
        void readsAnExponentAmountAsItsPlainValue() {
            assertThat(amountOf("1E+3")).isEqualTo(new BigDecimal("1000"));
            assertThat(amountOf(str("1.5e2"))).isEqualTo(new BigDecimal("150"));
            assertThat(amountOf("1e-2")).isEqualTo(new BigDecimal("0.01"));
        }

        @Test
        void normalisesAnOffsetTimestampToUtc() {
            Transaction transaction =
                    decode(TRANSACTION_JSON.with("timestamp", str("2026-11-26T18:30:04+01:00")));

            assertThat(transaction.timestamp()).isEqualTo("2026-11-26T17:30:04Z");
        }

        @ParameterizedTest
        @CsvSource({
            "2026-11-26T17:30:04Z,             2026-11-26T17:30:04Z",
            "2026-11-26T17:30:04.1Z,           2026-11-26T17:30:04.100Z",
            "2026-11-26T17:30:04.123456789Z,   2026-11-26T17:30:04.123456789Z",
            "2026-11-26T12:00:04.5-05:30,      2026-11-26T17:30:04.500Z",
            "2024-02-29T00:00:00+00:00,        2024-02-29T00:00:00Z",
            "0000-01-01T00:00:00Z,             0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z,   9999-12-31T23:59:59.999999999Z"
        })
        void acceptsIso8601Timestamps(String raw, Instant expected) {
            assertThat(decode(TRANSACTION_JSON.with("timestamp", str(raw))).timestamp())
                    .isEqualTo(expected);
        }

        @Test
        void decodesATransactionWithOnlyTheRequiredFields() {
            JsonObject json =
                    JsonObject.of(
                            "transactionId", str("t-2"),
                            "accountId", str("acct-42"),
                            "timestamp", str("2026-11-26T17:30:04.123Z"),
                            "amount", "0.99",
                            "currency", str("USD"));

            assertThat(decode(json)).isEqualTo(Events.bareTransaction());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "merchantId",
                    "terminalId",
                    "mcc",
                    "country",
                    "channel",
                })
        void treatsNullOptionalFieldsAsAbsent(String field) {
            Transaction transaction = decode(TRANSACTION_JSON.with(field, "null"));

            assertThat(CODEC.encode(transaction)).asString(UTF_8).doesNotContain(field);
        }

        @Test
        void treatsNullCoordinatesAsNoLocation() {
            Transaction transaction =
                    decode(TRANSACTION_JSON.with("lat", "null").with("lon", "null"));

            assertThat(transaction.hasLocation()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"x\"",
                    "42",
                    "-1.5e300",
                    "true",
                    "null",
                    "{}",
                    "[]",
                    "{\"amount\":-5,\"nested\":{\"deeper\":[1,{\"a\":null}]}}",
                    "[[[[[[[[[[\"ten deep\"]]]]]]]]]]",
                    "[1,\"two\",{\"three\":3},[4]]"
                })
        void ignoresUnknownFieldsWhateverTheirValue(String rawValue) {
            JsonObject json = TRANSACTION_JSON.with("unknown", rawValue).with("zz", rawValue);

            assertThat(decode(json)).isEqualTo(Events.transaction());
        }

        @Test
        void ignoresAnUnknownFieldBeforeTheKnownOnes() {
            JsonObject json = JsonObject.of("extra", "{\"amount\":\"-1\"}");
            String withExtraFirst =
                    json.toString().replace("}}", "},") + TRANSACTION_JSON.toString().substring(1);

            assertThat(CODEC.decode(withExtraFirst.getBytes(UTF_8)))
                    .isEqualTo(Events.transaction());
        }

        @Test
        void acceptsUnicodeIdentifiersAndEscapes() {
            JsonObject json =
                    TRANSACTION_JSON
                            .with("accountId", str("Konto-Müller-日本-😀"))
                            .with("merchantId", "\"caf\\u00e9 \\ud83d\\ude00\"");

            Transaction transaction = decode(json);

            assertThat(transaction.accountId()).isEqualTo("Konto-Müller-日本-😀");
            assertThat(transaction.merchantId()).isEqualTo("café 😀");
        }

        @Test
        void acceptsWhitespaceAroundTheObjectAndALeadingByteOrderMark() {
            byte[] json = ("\uFEFF \n" + TRANSACTION_JSON + "\r\n\t ").getBytes(UTF_8);

            assertThat(CODEC.decode(json)).isEqualTo(Events.transaction());
        }

        @Test
        void decodesASliceOfALargerBuffer() {
            byte[] json = TRANSACTION_JSON.bytes();
            byte[] buffer = new byte[json.length + 20];
            buffer[9] = '!';
            System.arraycopy(json, 0, buffer, 10, json.length);

            assertThat(CODEC.decode(buffer, 10, json.length)).isEqualTo(Events.transaction());
        }
    }

    @Nested
    class RejectingFields {

        @ParameterizedTest
        @ValueSource(strings = {"transactionId", "accountId", "timestamp", "amount", "currency"})
        void rejectsAMissingRequiredFieldNamingIt(String field) {
            assertRejected(
                    CODEC, TRANSACTION_JSON.without(field).bytes(), field, field + ": required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"transactionId", "accountId", "timestamp", "amount", "currency"})
        void rejectsNullForARequiredFieldNamingIt(String field) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with(field, "null").bytes(),
                    field,
                    field + ": required");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        transactionId | 42 | must be a JSON string, was a number
                        accountId | 42 | must be a JSON string, was a number
                        accountId | {"id":"x"} | must be a JSON string, was an object
                        accountId | ["acct-42"] | must be a JSON string, was an array
                        accountId | true | must be a JSON string, was a boolean
                        merchantId | 991 | must be a JSON string, was a number
                        timestamp | 1764178204 | must be a JSON string, was a number
                        currency | 978 | must be a JSON string, was a number
                        mcc | 5411 | must be a JSON string, was a number
                        amount | true | must be a JSON number or a string holding one, was a boolean
                        amount | {} | must be a JSON number or a string holding one, was an object
                        lat | "52.52" | must be a JSON number, was a string
                        channel | 1 | must be a JSON string, was a number
                        """)
        void rejectsAValueOfTheWrongJsonType(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with(field, rawValue).bytes(),
                    field,
                    field + ": " + reason);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        transactionId | "" | must not be empty
                        accountId | "   " | must not be blank
                        accountId | "\u2003" | must not be blank
                        merchantId | "" | must not be empty
                        terminalId | " " | must not be blank
                        accountId | "a\\u0000" | must not contain control characters, was "a\\u0000"
                        accountId | "a\\nb" | must not contain control characters, was "a\\u000ab"
                        accountId | "acct\\u202e24" | must not contain invisible or bidi format characters, was "acct\\u202e24"
                        merchantId | "m\\u200b1" | must not contain invisible or bidi format characters, was "m\\u200b1"
                        terminalId | "t\\u2028" | must not contain invisible or bidi format characters, was "t\\u2028"
                        transactionId | "t\\udb40\\udc41" | must not contain invisible or bidi format characters, was "t\\udb40\\udc41"
                        accountId | "\\ud800x" | not valid Unicode (unpaired surrogate at index 0)
                        accountId | "x\\udc00" | not valid Unicode (unpaired surrogate at index 1)
                        """)
        void rejectsABadIdentifier(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with(field, rawValue).bytes(),
                    field,
                    field + ": " + reason);
        }

        @Test
        void rejectsAnIdentifierLongerThan256Characters() {
            String longId = "x".repeat(257);

            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("transactionId", str(longId)).bytes(),
                    "transactionId",
                    "transactionId: longer than 256 characters, was 257");
            assertThat(decode(TRANSACTION_JSON.with("transactionId", str("x".repeat(256)))))
                    .isNotNull();
        }

        @Test
        void rejectsNegativeAmountNamingTheField() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", "-5").bytes(),
                    "amount",
                    "amount: must be >= 0, was -5");
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str("-0.01")).bytes(),
                    "amount",
                    "amount: must be >= 0, was -0.01");
        }

        @Test
        void acceptsNegativeZeroAsZero() {
            assertThat(amountOf(str("-0.00"))).isEqualTo(new BigDecimal("0.00"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-nan"})
        void rejectsANonFiniteAmountString(String amount) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str(amount)).bytes(),
                    "amount",
                    "amount: must be a finite number, was \"" + amount + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
        void rejectsANonFiniteAmountNumberAsMalformedJson(String amount) {
            assertRejectedStartingWith(
                    CODEC,
                    TRANSACTION_JSON.with("amount", amount).bytes(),
                    "amount",
                    "amount: malformed JSON at offset ");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"", "abc", "12,50", " 5", "5 ", "0x10", "5.", ".5", "+5", "1e", "--1"})
        void rejectsAnAmountStringThatIsNotADecimal(String amount) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str(amount)).bytes(),
                    "amount",
                    "amount: not a decimal number, was \"" + amount + "\"");
        }

        @Test
        void rejectsAnAmountWithMoreThan18DecimalPlaces() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", "0.0000000000000000001").bytes(),
                    "amount",
                    "amount: more than 18 decimal places, was 1E-19");
            assertThat(amountOf("0.000000000000000001")).isEqualTo(new BigDecimal("1E-18"));
        }

        @Test
        void rejectsAnAmountWithMoreThan20IntegerDigits() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", "100000000000000000000").bytes(),
                    "amount",
                    "amount: more than 20 integer digits, was 100000000000000000000");
            assertThat(amountOf("99999999999999999999"))
                    .isEqualTo(new BigDecimal("99999999999999999999"));
        }

        @Test
        void rejectsAHugeExponentWithoutExpandingIt() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", "1e999999999").bytes(),
                    "amount",
                    "amount: more than 20 integer digits, was 1E+999999999");
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str("1e-999999999")).bytes(),
                    "amount",
                    "amount: more than 18 decimal places, was 1E-999999999");
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str("1e99999999999")).bytes(),
                    "amount",
                    "amount: exponent out of range, was \"1e99999999999\"");
            assertRejectedStartingWith(
                    CODEC,
                    TRANSACTION_JSON.with("amount", "1e99999999999").bytes(),
                    "amount",
                    "amount: unreadable: ");
        }

        @Test
        void readsAZeroWithAHugeExponentAsZero() {
            assertThat(amountOf("0e999999999")).isEqualTo(new BigDecimal("0"));
        }

        @Test
        void rejectsAnAmountLongerThan100Characters() {
            String digits = "1" + "0".repeat(100);

            assertRejectedStartingWith(
                    CODEC,
                    TRANSACTION_JSON.with("amount", str(digits)).bytes(),
                    "amount",
                    "amount: longer than 100 characters, was \"1000");
            assertRejectedStartingWith(
                    CODEC,
                    TRANSACTION_JSON.with("amount", digits).bytes(),
                    "amount",
                    "amount: exceeds a parser limit: Number value length (101) exceeds");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EURO", "eur", "EU", "", "XYZ", "€"})
        void rejectsACurrencyThatIsNoIso4217Code(String currency) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("currency", str(currency)).bytes(),
                    "currency",
                    "currency: not an ISO 4217 code, was \"" + currency + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"JPY", "CHF", "BHD", "XAU"})
        void acceptsIso4217Currencies(String currency) {
            assertThat(decode(TRANSACTION_JSON.with("currency", str(currency))).currency())
                    .isEqualTo(currency);
        }

        @ParameterizedTest
        @ValueSource(strings = {"541", "54111", "54a1", "", "٥٤١١", " 541"})
        void rejectsAnMccThatIsNotFourDigits(String mcc) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("mcc", str(mcc)).bytes(),
                    "mcc",
                    "mcc: not a merchant category code (4 digits), was \"" + mcc + "\"");
        }

        @Test
        void keepsTheLeadingZeroOfAnMcc() {
            assertThat(decode(TRANSACTION_JSON.with("mcc", str("0742"))).mcc()).isEqualTo("0742");
        }

        @ParameterizedTest
        @ValueSource(strings = {"de", "XX", "DEU", "D", ""})
        void rejectsACountryThatIsNoIso3166Alpha2Code(String country) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("country", str(country)).bytes(),
                    "country",
                    "country: not an ISO 3166 alpha-2 code in upper case, was \"" + country + "\"");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        lat | 90.0001 | must be in [-90.0, 90.0], was 90.0001
                        lat | -91 | must be in [-90.0, 90.0], was -91.0
                        lon | 180.5 | must be in [-180.0, 180.0], was 180.5
                        lon | -181 | must be in [-180.0, 180.0], was -181.0
                        lat | 1e400 | must be a finite number, was Infinity
                        """)
        void rejectsOutOfRangeCoordinates(String field, String rawValue, String reason) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with(field, rawValue).bytes(),
                    field,
                    field + ": " + reason);
        }

        @Test
        void acceptsCoordinatesOnTheirBounds() {
            Transaction transaction =
                    decode(TRANSACTION_JSON.with("lat", "-90").with("lon", "180"));

            assertThat(transaction.lat()).isEqualTo(-90.0);
            assertThat(transaction.lon()).isEqualTo(180.0);
        }

        @Test
        void rejectsLatWithoutLon() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.without("lon").bytes(),
                    "lat",
                    "lat: given without lon");
        }

        @Test
        void rejectsLonWithoutLat() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("lat", "null").bytes(),
                    "lon",
                    "lon: given without lat");
        }

        @ParameterizedTest
        @FieldSource("io.fraudstream.events.Events#BAD_TIMESTAMPS")
        void rejectsATimestampThatIsNoIso8601Instant(String timestamp) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("timestamp", str(timestamp)).bytes(),
                    "timestamp",
                    "timestamp: not an ISO-8601 instant, was \"" + timestamp + "\"");
        }

        @Test
        void rejectsATimestampThatAnOffsetPushesPastYear9999() {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("timestamp", str("9999-12-31T23:30:00-01:00")).bytes(),
                    "timestamp",
                    "timestamp: outside the years 0000 to 9999, was +10000-01-01T00:30:00Z");
        }

        @ParameterizedTest
        @ValueSource(strings = {"pos", "ONLINE", "", "Pos"})
        void rejectsAnUnknownChannel(String channel) {
            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("channel", str(channel)).bytes(),
                    "channel",
                    "channel: not one of POS, ECOM, ATM, was \"" + channel + "\"");
        }

        @Test
        void rejectsADuplicateFieldNamingIt() {
            String twice = TRANSACTION_JSON.toString().replace("}", ",\"amount\":\"1.00\"}");

            assertRejected(CODEC, twice.getBytes(UTF_8), "amount", "amount: duplicate field");
        }

        @Test
        void rejectsADuplicateFieldEvenWhenTheFirstValueWasNull() {
            String twice =
                    TRANSACTION_JSON
                            .with("merchantId", "null")
                            .toString()
                            .replace("}", ",\"merchantId\":\"m-1\"}");

            assertRejected(
                    CODEC, twice.getBytes(UTF_8), "merchantId", "merchantId: duplicate field");
        }

        @Test
        void echoesAHostileValueShortenedAndEscaped() {
            String hostile = "\\\"" + "A".repeat(500);

            assertRejected(
                    CODEC,
                    TRANSACTION_JSON.with("currency", "\"" + hostile + "\"").bytes(),
                    "currency",
                    "currency: not an ISO 4217 code, was \"\\\""
                            + "A".repeat(63)
                            + "\"... (501 characters)");
        }
    }

    @Nested
    class RejectingInput {

        @Test
        void rejectsNullInput() {
            assertRejected(CODEC, null, null, "payload: no bytes (null)");
        }

        @Test
        void rejectsEmptyInput() {
            assertRejected(CODEC, new byte[0], null, "payload: empty, expected a JSON object");
            assertRejected(
                    CODEC, " \n\t".getBytes(UTF_8), null, "payload: empty, expected a JSON object");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        [] | payload: not a JSON object, was an array
                        "t-1" | payload: not a JSON object, was a string
                        42 | payload: not a JSON object, was a number
                        null | payload: not a JSON object, was null
                        true | payload: not a JSON object, was a boolean
                        """)
        void rejectsAJsonValueThatIsNotAnObject(String json, String message) {
            assertRejected(CODEC, json.getBytes(UTF_8), null, message);
        }

        @ParameterizedTest
        @ValueSource(strings = {" x", "{}", " {\"a\":1}", "]", "}", "[]", "\"", "0"})
        void rejectsTrailingContentAfterTheObject(String trailing) {
            byte[] json = (TRANSACTION_JSON + trailing).getBytes(UTF_8);

            assertRejected(CODEC, json, null, "payload: unexpected content after the JSON object");
        }

        @Test
        void rejectsATruncatedObject() {
            String json = TRANSACTION_JSON.toString();

            assertRejectedStartingWith(
                    CODEC,
                    json.substring(0, json.length() - 1).getBytes(UTF_8),
                    null,
                    "payload: malformed JSON at offset ");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{'transactionId':'t-1'}",
                    "{transactionId:\"t-1\"}",
                    "{\"a\":1,}",
                    "{\"a\":1 /* comment */}",
                    "{\"a\":01}",
                    "{\"a\":\"\\x41\"}",
                    "{\"a\" 1}"
                })
        void rejectsNonStandardJson(String json) {
            assertRejectedStartingWith(
                    CODEC, json.getBytes(UTF_8), null, "payload: malformed JSON at offset ");
        }

        @Test
        void rejectsInputLargerThan64KiB() {
            String padding = "x".repeat(EventCodec.MAX_EVENT_BYTES);
            byte[] json = TRANSACTION_JSON.with("padding", str(padding)).bytes();

            assertRejected(
                    CODEC, json, null, "payload: larger than 65536 bytes, was " + json.length);
        }

        @Test
        void acceptsInputOfExactly64KiB() {
            int padding = EventCodec.MAX_EVENT_BYTES - TRANSACTION_JSON.bytes().length - 13;
            byte[] json = TRANSACTION_JSON.with("padding", str("x".repeat(padding))).bytes();

            assertThat(json).hasSize(EventCodec.MAX_EVENT_BYTES);
            assertThat(CODEC.decode(json)).isEqualTo(Events.transaction());
        }

        @ParameterizedTest
        @CsvSource({
            "c3 28, 0", // a lead byte without its continuation
            "80, 0", // a stray continuation byte
            "c0 af, 0", // an overlong '/'
            "e0 80 af, 0", // an overlong '/' in three bytes
            "ed a0 80, 0", // U+D800, a surrogate
            "f4 90 80 80, 0", // beyond U+10FFFF
            "ff, 0",
            "e2 82, 0" // cut short
        })
        void rejectsInvalidUtf8AnywhereEvenInAnIgnoredField(String hex, int offsetInValue) {
            byte[] prefix = "{\"ignored\":\"".getBytes(UTF_8);
            byte[] bad = hexBytes(hex);
            byte[] suffix = ("\"," + TRANSACTION_JSON.toString().substring(1)).getBytes(UTF_8);
            byte[] json = concat(prefix, bad, suffix);

            assertRejected(
                    CODEC,
                    json,
                    null,
                    "payload: not valid UTF-8 at offset " + (prefix.length + offsetInValue));
        }

        @Test
        void rejectsANulByte() {
            byte[] json = TRANSACTION_JSON.with("x", "\"a\u0000b\"").bytes();

            assertRejectedStartingWith(CODEC, json, null, "payload: NUL byte at offset ");
        }

        @Test
        void rejectsUtf16EvenThoughJacksonWouldDetectIt() {
            byte[] json = TRANSACTION_JSON.toString().getBytes(UTF_16BE);

            assertRejected(CODEC, json, null, "payload: NUL byte at offset 0, not JSON text");
        }

        @Test
        void rejectsNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
            int depth = 30_000;
            String deep = "[".repeat(depth) + "]".repeat(depth);
            JsonObject json = TRANSACTION_JSON.with("deep", deep);

            assertRejectedStartingWith(
                    CODEC,
                    json.bytes(),
                    null,
                    "payload: exceeds a parser limit: Document nesting depth (33)");
        }

        @Test
        void acceptsUnknownValuesNestedUpToTheLimit() {
            // The root object is level 1, so an unknown value may open 31 more.
            String deep = "[".repeat(31) + "]".repeat(31);

            assertThat(decode(TRANSACTION_JSON.with("deep", deep))).isEqualTo(Events.transaction());
        }

        @Test
        void throwsWithoutCapturingAStackTrace() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> CODEC.decode(TRANSACTION_JSON.with("amount", "-5").bytes()))
                    .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
        }

        @Test
        void keepsTheParsersExceptionAsCause() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> CODEC.decode("{\"a\":}".getBytes(UTF_8)))
                    .withCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        }

        @Test
        void refusesASliceOutsideTheBufferAsAProgrammingError() {
            byte[] json = TRANSACTION_JSON.bytes();

            assertThatExceptionOfType(IndexOutOfBoundsException.class)
                    .isThrownBy(() -> CODEC.decode(json, 10, json.length));
        }
    }

    @Nested
    class Encoding {

        @Test
        void writesFieldsInComponentOrderWithTheAmountAsAPlainString() {
            String written = new String(CODEC.encode(Events.transaction()), UTF_8);

            assertThat(written)
                    .isEqualTo(
                            json(
                                    "{'transactionId':'t-1','accountId':'acct-42',"
                                            + "'timestamp':'2026-11-26T17:30:04.123Z',"
                                            + "'amount':'125.40','currency':'EUR',"
                                            + "'merchantId':'m-991','terminalId':'term-77',"
                                            + "'mcc':'5411','country':'DE','lat':52.52,"
                                            + "'lon':13.4,'channel':'POS'}"));
        }

        @Test
        void leavesOutUnsetOptionalFields() {
            String written = new String(CODEC.encode(Events.bareTransaction()), UTF_8);

            assertThat(written)
                    .isEqualTo(
                            json(
                                    "{'transactionId':'t-2','accountId':'acct-42',"
                                            + "'timestamp':'2026-11-26T17:30:04.123Z',"
                                            + "'amount':'0.99','currency':'USD'}"));
        }

        @Test
        void neverWritesTheAmountInExponentForm() {
            Transaction tiny = withAmount(new BigDecimal("1E-8"));
            Transaction large = withAmount(new BigDecimal("1E+3"));

            assertThat(new String(CODEC.encode(tiny), UTF_8)).contains("\"amount\":\"0.00000001\"");
            assertThat(new String(CODEC.encode(large), UTF_8)).contains("\"amount\":\"1000\"");
        }

        @Test
        void roundTripsToAnEqualTransaction() {
            assertRoundTrips(CODEC, Events.transaction());
            assertRoundTrips(CODEC, Events.bareTransaction());
            assertRoundTrips(CODEC, withAmount(new BigDecimal("0.000000000000000001")));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{'transactionId':'t-1','accountId':'a',"
                            + "'timestamp':'2026-11-26T18:30:04.10+01:00',"
                            + "'amount':125.40,'currency':'EUR','lat':52,'lon':-0.0,"
                            + "'x':[1]}",
                    "{'currency':'JPY','amount':1E+3,"
                            + "'timestamp':'2026-11-26T17:30:04.000000Z',"
                            + "'accountId':'\\u00e9','transactionId':'\\ud83d\\ude00',"
                            + "'mcc':null}",
                    "\uFEFF{'transactionId':'t','accountId':'a',"
                            + "'timestamp':'0000-01-01T00:00:00Z','amount':'0000.000',"
                            + "'currency':'XXX','lat':1e-7,'lon':179.99999999999999}"
                })
        void reachesAFixedPointAfterOneDecodeEncode(String singleQuoted) {
            assertFixedPoint(CODEC, json(singleQuoted).getBytes(UTF_8));
        }

        @Test
        void refusesToEncodeNull() {
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> CODEC.encode(null));
        }

        private Transaction withAmount(BigDecimal amount) {
            Transaction t = Events.bareTransaction();
            return new Transaction(
                    t.transactionId(),
                    t.accountId(),
                    t.timestamp(),
                    amount,
                    t.currency(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    static byte[] hexBytes(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
