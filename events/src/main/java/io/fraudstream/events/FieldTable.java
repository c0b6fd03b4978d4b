package io.fraudstream.events;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The known fields of one JSON object, an enum in wire order: looked up by name when reading,
 * written from pre-encoded names.
 */
final class FieldTable<F extends Enum<F>> {

    private final Map<String, F> byName = new HashMap<>();
    private final String[] names;
    private final SerializableString[] encoded;

    FieldTable(Class<F> type, Function<F, String> jsonName) {
        F[] fields = type.getEnumConstants();
        if (fields.length > Long.SIZE) {
            // ObjectReader tracks the fields it has seen in the bits of a long.
            throw new IllegalArgumentException(type + " has more than 64 fields");
        }
        names = new String[fields.length];
        encoded = new SerializableString[fields.length];
        for (F field : fields) {
            String name = jsonName.apply(field);
            names[field.ordinal()] = name;
            encoded[field.ordinal()] = new SerializedString(name);
            byName.put(name, field);
        }
    }

    /** The field of that JSON name, or {@code null} for an unknown field. */
    F lookup(String name) {
        return byName.get(name);
    }

    String name(F field) {
        return names[field.ordinal()];
    }

    SerializableString encoded(F field) {
        return encoded[field.ordinal()];
    }
}
