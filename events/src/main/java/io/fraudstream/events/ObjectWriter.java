package io.fraudstream.events;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes the fields of one JSON object by their pre-encoded names, leaving out unset ones. */
final class ObjectWriter<F extends Enum<F>> {

    private final JsonGenerator generator;
    private final FieldTable<F> fields;

    ObjectWriter(JsonGenerator generator, FieldTable<F> fields) {
        this.generator = generator;
        this.fields = fields;
    }

    ObjectWriter<F> string(F field, String value) throws IOException {
        if (value != null) {
            generator.writeFieldName(fields.encoded(field));
            generator.writeString(value);
        }
        return this;
    }

    /** Exact and never in exponent form, as a string so no reader turns it into a double. */
    ObjectWriter<F> decimal(F field, BigDecimal value) throws IOException {
        return string(field, value.toPlainString());
    }

    ObjectWriter<F> number(F field, double value) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeNumber(value);
        return this;
    }

    ObjectWriter<F> optionalNumber(F field, Double value) throws IOException {
        return value == null ? this : number(field, value);
    }

    ObjectWriter<F> integer(F field, long value) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeNumber(value);
        return this;
    }

    ObjectWriter<F> bool(F field, boolean value) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeBoolean(value);
        return this;
    }

    /** An object of numbers by name; an empty map is left out. */
    ObjectWriter<F> numbers(F field, Map<String, Double> values) throws IOException {
        if (values.isEmpty()) {
            return this;
        }
        generator.writeFieldName(fields.encoded(field));
        generator.writeStartObject();
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            generator.writeFieldName(entry.getKey());
            generator.writeNumber(entry.getValue());
        }
        generator.writeEndObject();
        return this;
    }

    /** Writes the instant in UTC with {@code Z}; an unset (null) one is left out. */
    ObjectWriter<F> instant(F field, Instant value) throws IOException {
        return value == null ? this : string(field, value.toString());
    }

    ObjectWriter<F> constant(F field, Enum<?> value) throws IOException {
        return value == null ? this : string(field, value.name());
    }

    ObjectWriter<F> binary(F field, byte[] value) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, value, 0, value.length);
        return this;
    }

    ObjectWriter<F> strings(F field, List<String> values) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeStartArray();
        for (String value : values) {
            generator.writeString(value);
        }
        generator.writeEndArray();
        return this;
    }

    /** Starts an array value; the caller writes its elements and ends it. */
    void startArray(F field) throws IOException {
        generator.writeFieldName(fields.encoded(field));
        generator.writeStartArray();
    }
}
