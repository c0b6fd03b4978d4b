package io.fraudstream.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object written field by field from raw JSON values, so a test can drop, replace or add
 * exactly one field of a valid event and leave the rest as it was.
 */
final class JsonObject {

    private final Map<String, String> fields = new LinkedHashMap<>();

    static JsonObject of(String... namesAndRawValues) {
        JsonObject object = new JsonObject();
        for (int i = 0; i < namesAndRawValues.length; i += 2) {
            object.fields.put(namesAndRawValues[i], namesAndRawValues[i + 1]);
        }
        return object;
    }

    /** A copy with {@code name} set to {@code rawValue}, in place if present, else at the end. */
    JsonObject with(String name, String rawValue) {
        JsonObject copy = copy();
        copy.fields.put(name, rawValue);
        return copy;
    }

    JsonObject without(String name) {
        JsonObject copy = copy();
        copy.fields.remove(name);
        return copy;
    }

    /** The fields as names to raw JSON values, in order. */
    Map<String, String> fields() {
        return new LinkedHashMap<>(fields);
    }

    byte[] bytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":").append(field.getValue());
        }
        return json.append('}').toString();
    }

    /** JSON written with single quotes for readability, as the double-quoted original. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A JSON string literal of {@code text}, which must need no escaping. */
    static String str(String text) {
        return '"' + text + '"';
    }

    private JsonObject copy() {
        JsonObject copy = new JsonObject();
        copy.fields.putAll(fields);
        return copy;
    }
}
