package io.fraudstream.model.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule from its JSON and validates every field, failing with a {@link RuleException} that
 * names the first wrong field: unknown fields, wrong types, unknown functions, operators or
 * transaction fields, windows over {@link #MAX_WINDOW}, scores outside (0, 1]. The job and the CLI
 * both validate through it, so what the CLI accepts the job accepts.
 */
public final class RuleParser {

    /** The longest window a rule may aggregate over. */
    public static final Duration MAX_WINDOW = Duration.ofDays(30);

    /** The largest rule document accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Most comparisons in one filter and most values in one {@code in} list. */
    static final int MAX_TERMS = 64;

    static final int MAX_DEPTH = 8;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private static final Set<String> FIELDS =
            Set.of(
                    "id",
                    "version",
                    "description",
                    "enabled",
                    "mode",
                    "groupBy",
                    "filter",
                    "aggregate",
                    "window",
                    "condition",
                    "score",
                    "action",
                    "cooldown");

    private RuleParser() {}

    /** Parses and validates one rule. */
    public static Rule parse(String json) {
        if (json.length() > MAX_BYTES) {
            throw new RuleException("rule", "larger than " + MAX_BYTES + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RuleException("rule", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RuleException("rule", "must be a JSON object");
        }
        onlyKnown(root, "", FIELDS);
        String id = text(root, "id", true);
        if (!ID.matcher(id).matches()) {
            throw new RuleException(
                    "id",
                    "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int version = integer(root, "version", 1, Integer.MAX_VALUE);
        // At most 256 characters, as every text of a rule (textValue).
        String description = root.has("description") ? text(root, "description", false) : "";
        boolean enabled = !root.has("enabled") || bool(root, "enabled");
        Rule.Mode mode =
                root.has("mode") ? constant(root, "mode", Rule.Mode.class) : Rule.Mode.ACTIVE;
        List<RuleField> groupBy = groupBy(required(root, "groupBy"));
        RuleFilter filter =
                root.has("filter") && !root.get("filter").isNull()
                        ? filter(root.get("filter"), "filter", 0, new int[1])
                        : null;
        JsonNode aggregate = required(root, "aggregate");
        if (!aggregate.isObject()) {
            throw new RuleException(
                    "aggregate", "must be an object like {\"function\": \"COUNT\"}");
        }
        onlyKnown(aggregate, "aggregate.", Set.of("function", "field"));
        Rule.Function function =
                constant(aggregate, "aggregate.function", "function", Rule.Function.class);
        RuleField aggregateField = null;
        if (function == Rule.Function.COUNT) {
            if (aggregate.has("field")) {
                throw new RuleException("aggregate.field", "COUNT counts transactions, no field");
            }
        } else {
            aggregateField = field(required(aggregate, "aggregate.", "field"), "aggregate.field");
            if (function != Rule.Function.DISTINCT_COUNT && !aggregateField.numeric()) {
                throw new RuleException(
                        "aggregate.field",
                        function + " needs a numeric field (amount), was " + aggregateField.id());
            }
        }
        Duration window = duration(root, "window");
        if (window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new RuleException(
                    "window",
                    "must be more than 0 and at most 30 d, was " + text(root, "window", false));
        }
        JsonNode condition = required(root, "condition");
        if (!condition.isObject()) {
            throw new RuleException(
                    "condition", "must be an object like {\"op\": \">\", \"threshold\": 3}");
        }
        onlyKnown(condition, "condition.", Set.of("op", "threshold"));
        RuleFilter.Op op = op(required(condition, "condition.", "op"), "condition.op");
        if (op.set()) {
            throw new RuleException("condition.op", "compares a number: =, !=, <, <=, >, >=");
        }
        double threshold =
                number(required(condition, "condition.", "threshold"), "condition.threshold");
        double score = number(required(root, "score"), "score");
        if (!(score > 0 && score <= 1)) {
            throw new RuleException("score", "must be in (0, 1], was " + root.get("score"));
        }
        Rule.Action action =
                root.has("action") && !root.get("action").isNull()
                        ? constant(root, "action", Rule.Action.class)
                        : null;
        Duration cooldown =
                root.has("cooldown") && !root.get("cooldown").isNull()
                        ? duration(root, "cooldown")
                        : null;
        if (cooldown != null && cooldown.compareTo(MAX_WINDOW) > 0) {
            throw new RuleException("cooldown", "at most 30 d");
        }
        return new Rule(
                id,
                version,
                description,
                enabled,
                mode,
                groupBy,
                filter,
                function,
                aggregateField,
                window,
                op,
                threshold,
                score,
                action,
                cooldown);
    }

    private static List<RuleField> groupBy(JsonNode node) {
        if (!node.isArray() || node.isEmpty() || node.size() > 4) {
            throw new RuleException(
                    "groupBy", "must be an array of 1 to 4 fields of " + RuleField.names(true));
        }
        Set<RuleField> fields = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "groupBy[" + i + "]";
            RuleField field = field(node.get(i), at);
            if (!field.groupable()) {
                throw new RuleException(
                        at, "cannot group by " + field.id() + "; one of " + RuleField.names(true));
            }
            if (!fields.add(field)) {
                throw new RuleException(at, field.id() + " is listed twice");
            }
        }
        return List.copyOf(fields);
    }

    private static RuleFilter filter(JsonNode node, String at, int depth, int[] terms) {
        boolean combinator = node.has("all") || node.has("any") || node.has("not");
        if (!node.isObject()
                || combinator && node.size() != 1
                || !combinator && !node.has("field")) {
            throw new RuleException(
                    at,
                    "must be {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or"
                            + " {\"field\", \"op\", \"value\"}");
        }
        if (depth > MAX_DEPTH) {
            throw new RuleException(at, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.has("all") || node.has("any")) {
            String kind = node.has("all") ? "all" : "any";
            JsonNode list = node.get(kind);
            if (!list.isArray() || list.isEmpty()) {
                throw new RuleException(at + "." + kind, "must be a non-empty array of filters");
            }
            List<RuleFilter> filters = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                filters.add(filter(list.get(i), at + "." + kind + "[" + i + "]", depth + 1, terms));
            }
            return kind.equals("all")
                    ? new RuleFilter.All(List.copyOf(filters))
                    : new RuleFilter.Any(List.copyOf(filters));
        }
        if (node.has("not")) {
            return new RuleFilter.Not(filter(node.get("not"), at + ".not", depth + 1, terms));
        }
        if (++terms[0] > MAX_TERMS) {
            throw new RuleException(at, "more than " + MAX_TERMS + " comparisons in the filter");
        }
        onlyKnown(node, at + ".", Set.of("field", "op", "value"));
        RuleField field = field(node.get("field"), at + ".field");
        RuleFilter.Op op = op(required(node, at + ".", "op"), at + ".op");
        JsonNode value = required(node, at + ".", "value");
        String valueAt = at + ".value";
        if (op.set()) {
            if (!value.isArray() || value.isEmpty() || value.size() > MAX_TERMS) {
                throw new RuleException(
                        valueAt, op.symbol() + " needs an array of 1 to " + MAX_TERMS + " values");
            }
            Set<String> texts = new LinkedHashSet<>();
            double[] numbers = new double[value.size()];
            for (int i = 0; i < value.size(); i++) {
                if (field.numeric()) {
                    numbers[i] = number(value.get(i), valueAt + "[" + i + "]");
                } else {
                    texts.add(fieldText(field, value.get(i), valueAt + "[" + i + "]"));
                }
            }
            return new RuleFilter.Compare(field, op, Double.NaN, null, Set.copyOf(texts), numbers);
        }
        if (field.numeric()) {
            return new RuleFilter.Compare(
                    field, op, number(value, valueAt), null, Set.of(), new double[0]);
        }
        if (op.ordering()) {
            throw new RuleException(
                    at + ".op", field.id() + " is text: =, !=, in or not-in, not " + op.symbol());
        }
        return new RuleFilter.Compare(
                field, op, Double.NaN, fieldText(field, value, valueAt), Set.of(), new double[0]);
    }

    /** A text value of {@code field}; a channel must be one the contract knows. */
    private static String fieldText(RuleField field, JsonNode value, String at) {
        String text = textValue(value, at);
        if (field == RuleField.CHANNEL) {
            for (Transaction.Channel c : Transaction.Channel.values()) {
                if (c.name().equals(text)) {
                    return text;
                }
            }
            throw new RuleException(
                    at,
                    "no channel \""
                            + text
                            + "\"; one of "
                            + java.util.Arrays.toString(Transaction.Channel.values()));
        }
        return text;
    }

    private static RuleField field(JsonNode node, String at) {
        if (node == null || !node.isTextual()) {
            throw new RuleException(at, "must be a transaction field: " + RuleField.names(false));
        }
        RuleField field = RuleField.of(node.asText());
        if (field == null) {
            throw new RuleException(
                    at,
                    "unknown field \"" + node.asText() + "\"; one of " + RuleField.names(false));
        }
        return field;
    }

    private static RuleFilter.Op op(JsonNode node, String at) {
        RuleFilter.Op op = node.isTextual() ? RuleFilter.Op.of(node.asText()) : null;
        if (op == null) {
            throw new RuleException(
                    at, "unknown operator " + node + "; one of =, !=, <, <=, >, >=, in, not-in");
        }
        return op;
    }

    private static void onlyKnown(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                throw new RuleException(
                        prefix + name,
                        "unknown field; expected one of "
                                + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private static JsonNode required(JsonNode node, String name) {
        return required(node, "", name);
    }

    private static JsonNode required(JsonNode node, String prefix, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new RuleException(prefix + name, "missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name, boolean nonEmpty) {
        JsonNode value = required(node, name);
        String text = textValue(value, name);
        if (nonEmpty && text.isBlank()) {
            throw new RuleException(name, "must not be empty");
        }
        return text;
    }

    private static String textValue(JsonNode value, String at) {
        if (!value.isTextual()) {
            throw new RuleException(at, "must be a string, was " + kind(value));
        }
        String text = value.asText();
        if (text.length() > 256) {
            throw new RuleException(at, "at most 256 characters");
        }
        return text;
    }

    private static int integer(JsonNode node, String name, int min, int max) {
        JsonNode value = required(node, name);
        if (!value.isIntegralNumber()
                || !value.canConvertToInt()
                || value.asInt() < min
                || value.asInt() > max) {
            throw new RuleException(name, "must be a whole number from " + min + ", was " + value);
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new RuleException(name, "must be true or false, was " + value);
        }
        return value.asBoolean();
    }

    private static double number(JsonNode value, String at) {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new RuleException(at, "must be a number, was " + kind(value));
        }
        return value.asDouble();
    }

    private static Duration duration(JsonNode node, String name) {
        String text = text(node, name, true);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new RuleException(
                    name, "not a duration: \"" + text + "\" (like 10 min, 2 h, 7 d)");
        }
    }

    private static <E extends Enum<E>> E constant(JsonNode node, String name, Class<E> type) {
        return constant(node, name, name, type);
    }

    private static <E extends Enum<E>> E constant(
            JsonNode node, String at, String name, Class<E> type) {
        JsonNode value = node.get(name);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
            if (value != null && value.isTextual() && e.name().equals(value.asText())) {
                return e;
            }
        }
        throw new RuleException(
                at,
                (value == null ? "missing" : "unknown value " + value)
                        + "; one of "
                        + String.join(", ", names));
    }

    private static String kind(JsonNode value) {
        return value.isTextual()
                ? "the string " + value
                : value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
