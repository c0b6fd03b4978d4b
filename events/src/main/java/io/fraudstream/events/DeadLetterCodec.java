package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON codec of {@link DeadLetter}, the value of the {@code transactions-dlq} topic. Use {@link
 * #INSTANCE}; it is thread-safe and streams over the bytes with Jackson's parser.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {"reason":"amount: must be >= 0, was -5","field":"amount","payload":"eyJhbW91bnQiOi01fQ==",
 *  "sourceTopic":"transactions","sourcePartition":3,"sourceOffset":1842,
 *  "receivedAt":"2026-11-26T17:30:05.002Z"}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field<th>JSON type<th>rule
 *   <tr><td>{@code reason}<td>string<td>required; non-blank text, at most {@value
 *       DeadLetter#MAX_REASON_LENGTH} characters
 *   <tr><td>{@code field}<td>string<td>optional; an identifier (below)
 *   <tr><td>{@code payload}<td>string<td>required; the original bytes in base64 (standard
 *       alphabet, padded, no line breaks), possibly empty, at most {@value
 *       DeadLetter#MAX_PAYLOAD_BYTES} bytes decoded
 *   <tr><td>{@code sourceTopic}<td>string<td>required; an identifier
 *   <tr><td>{@code sourcePartition}<td>integer<td>required; 0 to 2<sup>31</sup>-1
 *   <tr><td>{@code sourceOffset}<td>integer<td>required; 0 to 2<sup>63</sup>-1
 *   <tr><td>{@code receivedAt}<td>string<td>required; an ISO-8601 time (below)
 * </table>
 *
 * <h2>Validation</h2>
 *
 * <ul>
 *   <li>Input: one strict JSON object in UTF-8 (a leading byte-order mark is skipped), nothing but
 *       whitespace after it, at most {@value #MAX_BYTES} bytes (more than other events, to carry a
 *       large rejected record), nested at most 32 deep. Invalid UTF-8 and NUL bytes are rejected
 *       before parsing.
 *   <li>Unknown fields are skipped whatever their value. A known field given twice is rejected.
 *       {@code null} counts as absent.
 *   <li>Identifiers: JSON strings, non-blank, at most 256 UTF-16 code units, no control characters,
 *       no invisible or bidi format characters (category Cf, U+2028, U+2029), no unpaired
 *       surrogates.
 *   <li>Times: {@code yyyy-MM-ddTHH:mm:ss}, optionally {@code .} and 1 to 9 fraction digits, then
 *       {@code Z} or {@code ±HH:MM}; normalised to UTC; years 0000 to 9999.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * <p>{@link #decode} throws {@link InvalidEventException} and nothing else, for any input including
 * {@code null}. Its {@link InvalidEventException#field() field()} is the offending field, or {@code
 * null} when the input as a whole is at fault; its message is {@code "<field>: <reason>"}, for
 * example {@code payload: not valid base64: ...} or {@code sourcePartition: must be >= 0, was -1}.
 *
 * <h2>Output</h2>
 *
 * <p>{@link #encode} writes the fields in the order above, leaves out an unset {@code field}, and
 * writes times in UTC with {@code Z}. Decoding the output yields an equal dead letter, and encoding
 * that again yields the same bytes.
 */
public final class DeadLetterCodec extends JsonCodec<DeadLetter> {

    /** Largest encoded dead letter accepted: a maximal payload in base64 with room to spare. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The shared instance. */
    public static final DeadLetterCodec INSTANCE = new DeadLetterCodec();

    private enum Field {
        REASON("reason"),
        FIELD("field"),
        PAYLOAD("payload"),
        SOURCE_TOPIC("sourceTopic"),
        SOURCE_PARTITION("sourcePartition"),
        SOURCE_OFFSET("sourceOffset"),
        RECEIVED_AT("receivedAt");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private DeadLetterCodec() {
        super(MAX_BYTES);
    }

    @Override
    DeadLetter read(JsonParser parser) throws IOException {
        String reason = null;
        String field = null;
        byte[] payload = null;
        String sourceTopic = null;
        Long sourcePartition = null;
        Long sourceOffset = null;
        Instant receivedAt = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field next = in.nextField(); next != null; next = in.nextField()) {
            switch (next) {
                case REASON -> reason = in.string();
                case FIELD -> field = in.string();
                case PAYLOAD -> payload = in.binary();
                case SOURCE_TOPIC -> sourceTopic = in.string();
                case SOURCE_PARTITION -> {
                    sourcePartition = in.integer();
                    if (sourcePartition != null && sourcePartition > Integer.MAX_VALUE) {
                        throw in.invalid("must be <= 2147483647, was " + sourcePartition);
                    }
                    if (sourcePartition != null && sourcePartition < 0) {
                        throw in.invalid("must be >= 0, was " + sourcePartition);
                    }
                }
                case SOURCE_OFFSET -> sourceOffset = in.integer();
                case RECEIVED_AT -> receivedAt = in.instant();
            }
        }
        return new DeadLetter(
                reason,
                field,
                payload,
                sourceTopic,
                Checks.required("sourcePartition", sourcePartition).intValue(),
                Checks.required("sourceOffset", sourceOffset),
                receivedAt);
    }

    @Override
    void write(DeadLetter deadLetter, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.REASON, deadLetter.reason())
                .string(Field.FIELD, deadLetter.field())
                .binary(Field.PAYLOAD, deadLetter.payload())
                .string(Field.SOURCE_TOPIC, deadLetter.sourceTopic())
                .integer(Field.SOURCE_PARTITION, deadLetter.sourcePartition())
                .integer(Field.SOURCE_OFFSET, deadLetter.sourceOffset())
                .instant(Field.RECEIVED_AT, deadLetter.receivedAt());
        generator.writeEndObject();
    }
}
