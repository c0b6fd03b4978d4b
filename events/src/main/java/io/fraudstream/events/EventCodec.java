package io.fraudstream.events;

/**
 * Turns one kind of event into its JSON wire form and back, validating on the way in.
 *
 * <p>Rules common to every codec:
 *
 * <ul>
 *   <li><b>Input</b>: one JSON object (RFC 8259, strict: no comments, no single quotes, no {@code
 *       NaN}) in UTF-8, optionally after a UTF-8 byte-order mark, with nothing but whitespace after
 *       it; at most {@link #MAX_EVENT_BYTES} bytes unless the codec says otherwise; values nested
 *       at most 32 deep.
 *   <li><b>Fields</b>: unknown fields are ignored, whatever their value; a known field given twice
 *       is rejected; {@code null} counts as absent, which rejects a required field and leaves an
 *       optional one unset.
 *   <li><b>Types</b>: identifiers and text are JSON strings (a number is not an id); numbers are
 *       JSON numbers, except where a field also accepts a string; times are strings.
 *   <li><b>Identifiers</b>: non-blank, at most 256 UTF-16 code units, no control characters, no
 *       invisible or bidi format characters (Unicode category Cf, U+2028, U+2029).
 *   <li><b>Times</b>: ISO-8601 date-time with seconds, 0 to 9 fraction digits and either {@code Z}
 *       or a {@code ±HH:MM} offset ({@code 2026-11-26T17:30:04.123Z}, {@code
 *       2026-11-26T18:30:04+01:00}), normalised to UTC, years 0000 to 9999.
 *   <li><b>Output</b>: fields in the order of the record's components, optional fields omitted when
 *       unset, times as {@link java.time.Instant#toString()}. Decoding the output gives an equal
 *       record, and encoding that record gives the same bytes again.
 * </ul>
 *
 * <p><b>Exception contract</b>: {@code decode} throws {@link InvalidEventException} and nothing
 * else for any input, {@code null} included; its {@link InvalidEventException#field() field} names
 * the offending field (a path such as {@code reasons[1].value} inside nested values) or is {@code
 * null} when the input as a whole is at fault, and its message says why. {@code encode} never
 * throws for a record built by its constructor, except the {@link IllegalArgumentException} of a
 * record too large for its codec's size limit (only conceivable for an alert with a hundred
 * 256-character non-ASCII ids).
 *
 * <p>Implementations are stateless and thread-safe; use their {@code INSTANCE}.
 *
 * @param <T> the event type
 */
public interface EventCodec<T> {

    /** Largest encoded event accepted, in bytes: far above any real event, far below Kafka's. */
    int MAX_EVENT_BYTES = 64 * 1024;

    /**
     * Decodes one event from all of {@code bytes}.
     *
     * @throws InvalidEventException if the bytes are not a valid event of this type, or null
     */
    default T decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidEventException(null, "no bytes (null)");
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes one event from {@code length} bytes of {@code bytes} starting at {@code offset}.
     *
     * @throws InvalidEventException if the bytes are not a valid event of this type, or null
     * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
     */
    T decode(byte[] bytes, int offset, int length);

    /**
     * Encodes {@code value} as UTF-8 JSON.
     *
     * @throws NullPointerException if {@code value} is null
     */
    byte[] encode(T value);
}
