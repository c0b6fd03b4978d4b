package io.fraudstream.events;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields of one JSON object from a parser: skips unknown fields, rejects duplicates and
 * checks each value's JSON type, naming the field in every error.
 */
final class ObjectReader<F extends Enum<F>> {

    /** Reads one element object of an array; {@code path} names it in errors. */
    interface ElementReader<T> {
        T read(JsonParser parser, String path) throws IOException;
    }

    private final JsonParser parser;
    private final FieldTable<F> fields;
    private final String pathPrefix;
    private long seen;
    private F current;

    /**
     * @param parser positioned on the object's {@code START_OBJECT}
     * @param pathPrefix what precedes field names in errors: empty at the top level, {@code
     *     reasons[0].} inside a nested object
     */
    ObjectReader(JsonParser parser, FieldTable<F> fields, String pathPrefix) {
        this.parser = parser;
        this.fields = fields;
        this.pathPrefix = pathPrefix;
    }

    /**
     * Advances to the next known field, skipping unknown ones whole.
     *
     * @return the field, whose value the caller must then read; {@code null} at the end of the
     *     object
     */
    F nextField() {
        while (next() == JsonToken.FIELD_NAME) {
            F field = fields.lookup(currentName());
            if (field == null) {
                skipValue();
                continue;
            }
            long bit = 1L << field.ordinal();
            if ((seen & bit) != 0) {
                throw new InvalidEventException(path(field), "duplicate field");
            }
            seen |= bit;
            current = field;
            return field;
        }
        // The parser allows nothing but FIELD_NAME or END_OBJECT here.
        return null;
    }

    /**
     * Moves to the next field name. Jackson reads a scalar value together with its name, so a
     * malformed value ({@code "amount":NaN}) fails here, while the parser still sits on the name.
     */
    private JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(fieldBeingRead(), e);
        }
    }

    private void skipValue() {
        try {
            parser.nextToken();
            parser.skipChildren();
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(null, e);
        }
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw JsonCodec.unreadable(null, e);
        }
    }

    /** The known field whose value the parser failed on, or null if it failed elsewhere. */
    private String fieldBeingRead() {
        if (parser.currentToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        F field = fields.lookup(currentName());
        return field == null ? null : path(field);
    }

    /** An error about the current field's value. */
    InvalidEventException invalid(String reason) {
        return new InvalidEventException(path(current), reason);
    }

    /** The current field's name as errors show it. */
    private String path() {
        return path(current);
    }

    String string() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType(path(), "a JSON string", token);
        }
        return text(path());
    }

    /** An exact decimal, from a JSON number or from a string holding one. */
    BigDecimal decimal() {
        JsonToken token = value();
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                try {
                    return parser.getDecimalValue();
                } catch (IOException | RuntimeException e) {
                    throw JsonCodec.unreadable(path(), e);
                }
            case VALUE_STRING:
                return Decimals.parse(path(), text(path()));
            default:
                throw wrongType(path(), "a JSON number or a string holding one", token);
        }
    }

    Double number() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(path(), "a JSON number", token);
        }
        try {
            return parser.getDoubleValue();
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(path(), e);
        }
    }

    Long integer() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(path(), "a JSON integer", token);
        }
        try {
            if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(path(), e);
        }
        throw invalid("out of range for a 64-bit integer");
    }

    Boolean bool() {
        JsonToken token = value();
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                throw wrongType(path(), "a JSON boolean", token);
        }
    }

    Instant instant() {
        String text = string();
        if (text == null) {
            return null;
        }
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw invalid("not an ISO-8601 instant, was " + Checks.quote(text));
        }
        return instant;
    }

    /** Bytes from a base64 string (standard alphabet, padded). */
    byte[] binary() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType(path(), "a base64 JSON string", token);
        }
        try {
            return parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
        } catch (IOException | RuntimeException e) {
            throw invalid("not valid base64: " + JsonCodec.describe(e));
        }
    }

    /** An enum constant spelled exactly as its name. */
    <E extends Enum<E>> E constant(E[] constants) {
        String text = string();
        if (text == null) {
            return null;
        }
        for (E constant : constants) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw notOneOf(constants, text, false);
    }

    /** An enum constant written in lower case, read in any case. */
    <E extends Enum<E>> E lowerCaseConstant(E[] constants) {
        String text = string();
        if (text == null) {
            return null;
        }
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw notOneOf(constants, text, true);
    }

    List<String> strings() {
        if (!startArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (JsonToken token = value(); token != JsonToken.END_ARRAY; token = value()) {
            String path = path() + "[" + list.size() + "]";
            if (token != JsonToken.VALUE_STRING) {
                throw wrongType(path, "a JSON string", token);
            }
            list.add(text(path));
        }
        return list;
    }

    <T> List<T> objects(ElementReader<T> elementReader) throws IOException {
        if (!startArray()) {
            return null;
        }
        List<T> list = new ArrayList<>();
        for (JsonToken token = value(); token != JsonToken.END_ARRAY; token = value()) {
            String path = path() + "[" + list.size() + "]";
            if (token != JsonToken.START_OBJECT) {
                throw wrongType(path, "a JSON object", token);
            }
            list.add(elementReader.read(parser, path));
        }
        return list;
    }

    /**
     * An object of numbers by name, such as {@code {"a":1.5,"b":2}}, in the order given; a name
     * given twice is rejected. Names are read as identifiers by the record, not here.
     */
    Map<String, Double> numbers() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw wrongType(path(), "a JSON object of numbers", token);
        }
        Map<String, Double> map = new LinkedHashMap<>();
        for (JsonToken next = value(); next != JsonToken.END_OBJECT; next = value()) {
            String name = text(path());
            String path = path() + "." + name;
            JsonToken number = value();
            if (number != JsonToken.VALUE_NUMBER_INT && number != JsonToken.VALUE_NUMBER_FLOAT) {
                throw wrongType(path, "a JSON number", number);
            }
            try {
                if (map.put(name, parser.getDoubleValue()) != null) {
                    throw new InvalidEventException(path, "duplicate field");
                }
            } catch (IOException e) {
                throw JsonCodec.unreadable(path, e);
            }
        }
        return map;
    }

    private boolean startArray() {
        JsonToken token = value();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw wrongType(path(), "a JSON array", token);
        }
        return true;
    }

    /** Moves to the next value token; a syntax error there is blamed on the current field. */
    private JsonToken value() {
        try {
            return parser.nextToken();
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(path(), e);
        }
    }

    /** The text of the current string token, decoded only now (Jackson decodes lazily). */
    private String text(String path) {
        try {
            return parser.getText();
        } catch (IOException | RuntimeException e) {
            throw JsonCodec.unreadable(path, e);
        }
    }

    private String path(F field) {
        return pathPrefix + fields.name(field);
    }

    private static InvalidEventException wrongType(String path, String expected, JsonToken token) {
        return new InvalidEventException(
                path, "must be " + expected + ", was " + JsonCodec.describe(token));
    }

    private InvalidEventException notOneOf(Enum<?>[] constants, String text, boolean lowerCase) {
        StringBuilder names = new StringBuilder("not one of ");
        for (int i = 0; i < constants.length; i++) {
            String name = constants[i].name();
            names.append(i == 0 ? "" : ", ")
                    .append(lowerCase ? name.toLowerCase(Locale.ROOT) : name);
        }
        return invalid(names.append(", was ").append(Checks.quote(text)).toString());
    }
}
