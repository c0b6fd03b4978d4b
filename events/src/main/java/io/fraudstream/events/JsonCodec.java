package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The frame every codec shares: input checks, one parser over the bytes, the whole-input rules and
 * the translation of every parser failure into {@link InvalidEventException}.
 */
abstract class JsonCodec<T> implements EventCodec<T> {

    /** Our events nest three deep; the bound keeps hostile unknown values cheap to skip. */
    static final int MAX_NESTING_DEPTH = 32;

    /** Digits and signs of the longest JSON number read; amounts need at most 40 or so. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** Fits every event but an unusually long alert without growing. */
    private static final int INITIAL_OUTPUT_BYTES = 512;

    /**
     * Shared by all codecs: a factory is thread-safe and caches field-name symbols and buffers.
     * Field names are not interned, or hostile unknown names would fill the JVM's string table.
     */
    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .maxNumberLength(MAX_NUMBER_LENGTH)
                                    .build())
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build();

    private final int maxBytes;

    JsonCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reads the event's fields; the parser is on the root {@code START_OBJECT}. */
    abstract T read(JsonParser parser) throws IOException;

    /** Writes the event as one JSON object. */
    abstract void write(T value, JsonGenerator generator) throws IOException;

    @Override
    public final T decode(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            throw new InvalidEventException(null, "no bytes (null)");
        }
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > maxBytes) {
            throw new InvalidEventException(
                    null, "larger than " + maxBytes + " bytes, was " + length);
        }
        int invalid = Utf8.firstInvalid(bytes, offset, length);
        if (invalid >= 0) {
            throw new InvalidEventException(
                    null,
                    bytes[offset + invalid] == 0
                            ? "NUL byte at offset " + invalid + ", not JSON text"
                            : "not valid UTF-8 at offset " + invalid);
        }
        try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidEventException(null, "empty, expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidEventException(null, "not a JSON object, was " + describe(first));
            }
            T event = read(parser);
            if (!atEnd(parser)) {
                throw new InvalidEventException(null, "unexpected content after the JSON object");
            }
            return event;
        } catch (InvalidEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(null, e);
        }
    }

    @Override
    public final byte[] encode(T value) {
        Objects.requireNonNull(value, "value");
        ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_OUTPUT_BYTES);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(value, generator);
        } catch (IOException e) {
            // Writing to memory cannot fail, and the records hold only values JSON can carry.
            throw new UncheckedIOException(e);
        }
        if (out.size() > maxBytes) {
            throw new IllegalArgumentException(
                    value.getClass().getSimpleName()
                            + " encodes to "
                            + out.size()
                            + " bytes, more than the "
                            + maxBytes
                            + " its decoder accepts");
        }
        return out.toByteArray();
    }

    /** Whether only whitespace follows the root object; garbage that fails to parse is not. */
    private static boolean atEnd(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Turns a parser failure into the one exception decoding throws, blaming {@code field}. */
    static InvalidEventException unreadable(String field, Exception e) {
        if (e instanceof StreamConstraintsException limit) {
            return new InvalidEventException(
                    field, "exceeds a parser limit: " + limit.getOriginalMessage(), e);
        }
        if (e instanceof JsonProcessingException syntax) {
            JsonLocation location = syntax.getLocation();
            String where =
                    location == null || location.getByteOffset() < 0
                            ? ""
                            : " at offset " + location.getByteOffset();
            return new InvalidEventException(
                    field, "malformed JSON" + where + ": " + syntax.getOriginalMessage(), e);
        }
        return new InvalidEventException(field, "unreadable: " + describe(e), e);
    }

    static String describe(Exception e) {
        return e instanceof JsonProcessingException json
                ? json.getOriginalMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }
}
