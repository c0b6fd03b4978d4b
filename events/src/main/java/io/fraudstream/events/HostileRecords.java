package io.fraudstream.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generated hostile Kafka records against one event type: what an attacker with write access to a
 * topic, or a broken producer, would send. Each is built from a valid example event (field name to
 * raw JSON value) and knows which field the rejection must name and a part of the reason it must
 * give, so a test, or {@code bin/fraudstream chaos poison}, can check every hostile record ended up
 * where it belongs, for the right reason.
 *
 * <pre>{@code
 * HostileRecords hostile = new HostileRecords(example, "accountId", "amount");
 * HostileRecords.Record record = hostile.record(HostileRecords.Kind.DEEP_NESTING, random);
 * }</pre>
 */
public final class HostileRecords {

    /** Largest key plus value produced: the broker's default 1 MB record limit, with room. */
    public static final int MAX_RECORD_BYTES = 1_040_000;

    /** What is wrong with a record. */
    public enum Kind {
        OVERSIZED,
        INVALID_UTF8,
        NUL_BYTE,
        DEEP_NESTING,
        LONG_NUMBER,
        HUGE_NUMBER,
        CONTROL_CHARACTER_IN_ID,
        BIDI_OVERRIDE_IN_ID,
        UNPAIRED_SURROGATE_IN_ID,
        DUPLICATE_KEY,
        TRAILING_CONTENT,
        NOT_AN_OBJECT,
        EMPTY,
        TOMBSTONE
    }

    /**
     * One hostile record.
     *
     * @param kind what is wrong with it: a {@link Kind}'s name, or a consumer's own label
     * @param key the record key, possibly null or huge
     * @param value the record value, possibly null
     * @param field the field the rejection must name, or null when the record as a whole is bad
     * @param reason a part of the reason the rejection must give
     */
    public record Record(String kind, byte[] key, byte[] value, String field, String reason) {
        @Override
        public String toString() {
            return kind
                    + "[key "
                    + (key == null ? "null" : key.length + " bytes")
                    + ", value "
                    + (value == null ? "null" : value.length + " bytes")
                    + "]";
        }
    }

    private final Map<String, String> example;
    private final String idField;
    private final String numberField;

    /**
     * @param example a valid event as field name to raw JSON value, e.g. {@code "amount" ->
     *     "\"12.00\""}
     * @param idField a required identifier field of the event
     * @param numberField a numeric field of the event that has an upper bound
     */
    public HostileRecords(Map<String, String> example, String idField, String numberField) {
        this.example = new LinkedHashMap<>(example);
        this.idField = idField;
        this.numberField = numberField;
    }

    /** One record of {@code kind}, its random parts drawn from {@code random}. */
    public Record record(Kind kind, Random random) {
        String key = "k-" + random.nextInt(1000);
        String name = kind.name();
        return switch (kind) {
            case OVERSIZED -> {
                // The finding: a large random key and a large invalid value, together just under
                // what the broker accepts.
                int keyBytes = random.nextInt(MAX_RECORD_BYTES - 70_000);
                byte[] k = new byte[keyBytes];
                random.nextBytes(k);
                byte[] v = new byte[70_000 + random.nextInt(MAX_RECORD_BYTES - 70_000 - keyBytes)];
                random.nextBytes(v);
                yield new Record(name, k, v, null, "larger than 65536 bytes");
            }
            case INVALID_UTF8 -> {
                byte[][] bad = {
                    {(byte) 0xff},
                    {(byte) 0xc0, (byte) 0x80},
                    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xe2, (byte) 0x82}
                };
                yield new Record(
                        name,
                        bytes(key),
                        withRawBytes(idField, bad[random.nextInt(bad.length)]),
                        null,
                        "not valid UTF-8");
            }
            case NUL_BYTE ->
                    new Record(
                            name,
                            bytes(key),
                            withRawBytes(idField, new byte[] {0}),
                            null,
                            "NUL byte");
            case DEEP_NESTING -> {
                int depth = 33 + random.nextInt(5000);
                String nested = "[".repeat(depth) + "]".repeat(depth);
                yield new Record(
                        name, bytes(key), bytes(with("x-extra", nested)), null, "parser limit");
            }
            case LONG_NUMBER -> {
                StringBuilder digits = new StringBuilder("9");
                int length = 101 + random.nextInt(10_000);
                while (digits.length() < length) {
                    digits.append(random.nextInt(10));
                }
                yield new Record(
                        name,
                        bytes(key),
                        bytes(with(numberField, digits.toString())),
                        numberField,
                        "parser limit");
            }
            case HUGE_NUMBER -> {
                // Out of every field's range; an underflow such as 1e-400 would be a valid 0.
                String[] huge = {
                    "1e400", "-1e400", "1e308", "-1e308", "123456789012345678901234567890"
                };
                String value = huge[random.nextInt(huge.length)];
                yield new Record(
                        name, bytes(key), bytes(with(numberField, value)), numberField, "");
            }
            case CONTROL_CHARACTER_IN_ID -> {
                int c = random.nextInt(0x20);
                String escaped = String.format("\\u%04x", c);
                yield new Record(
                        name,
                        bytes(key),
                        bytes(with(idField, "\"acct" + escaped + "x\"")),
                        idField,
                        "control characters");
            }
            case BIDI_OVERRIDE_IN_ID -> {
                String[] bidi = {"\u202e", "\u202d", "\u2066", "\u200f", "\u200b", "\ufeff"};
                String mark = bidi[random.nextInt(bidi.length)];
                yield new Record(
                        name,
                        bytes(key),
                        bytes(with(idField, "\"acct" + mark + "-42\"")),
                        idField,
                        "bidi format characters");
            }
            case UNPAIRED_SURROGATE_IN_ID ->
                    new Record(
                            name,
                            bytes(key),
                            bytes(
                                    with(
                                            idField,
                                            random.nextBoolean()
                                                    ? "\"\\ud800x\""
                                                    : "\"x\\udfff\"")),
                            idField,
                            "unpaired surrogate");
            case DUPLICATE_KEY -> {
                String json = json(example);
                String duplicated =
                        json.substring(0, json.length() - 1)
                                + ",\""
                                + idField
                                + "\":\"other-"
                                + random.nextInt(100)
                                + "\"}";
                yield new Record(name, bytes(key), bytes(duplicated), idField, "duplicate field");
            }
            case TRAILING_CONTENT -> {
                String[] tails = {" garbage", "{}", "]", ",", " {\"a\":1}"};
                yield new Record(
                        name,
                        bytes(key),
                        bytes(json(example) + tails[random.nextInt(tails.length)]),
                        null,
                        "after the JSON object");
            }
            case NOT_AN_OBJECT -> {
                String[] values = {
                    "[1,2]", "\"text\"", "42", "true", "null", "[" + json(example) + "]"
                };
                yield new Record(
                        name,
                        bytes(key),
                        bytes(values[random.nextInt(values.length)]),
                        null,
                        "not a JSON object");
            }
            case EMPTY ->
                    new Record(
                            name,
                            bytes(key),
                            bytes(random.nextBoolean() ? "" : "  \n\t "),
                            null,
                            "empty");
            case TOMBSTONE -> new Record(name, bytes(key), null, null, "null");
        };
    }

    /** The example with one field replaced by (or extended with) a raw JSON value. */
    public String with(String field, String rawValue) {
        Map<String, String> copy = new LinkedHashMap<>(example);
        copy.put(field, rawValue);
        return json(copy);
    }

    /** The example with the string value of {@code field} holding raw bytes in the middle. */
    private byte[] withRawBytes(String field, byte[] raw) {
        String json = with(field, "\"acct-\u0001-x\"");
        int at = json.indexOf('\u0001');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(json.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A JSON object of raw values, in order. */
    public static String json(Map<String, String> rawFields) {
        StringBuilder json = new StringBuilder("{");
        rawFields.forEach(
                (name, raw) -> {
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    json.append('"').append(name).append("\":").append(raw);
                });
        return json.append('}').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
