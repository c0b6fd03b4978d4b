package io.fraudstream.events.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fraudstream.events.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one configuration dialect of every fraudstream program: kebab-case YAML, the defaults in one
 * bundled file, a user file laid over them, {@code --key value} overrides ({@link OptionArgs})
 * last, durations by {@link Durations} and sizes by {@link Sizes}. A program then either binds the
 * tree to its typed records ({@link #bind}) or reads it flat and typed ({@link #flatten} into
 * {@link Options}); either way an error names the key, as the file writes it.
 */
public final class ConfigTree {

    /** Lower-case words joined by {@code -}; a key may hold dots (Kafka's own property names). */
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final ObjectMapper BINDER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .addModule(
                            new SimpleModule()
                                    .addDeserializer(Duration.class, new DurationDeserializer())
                                    .addDeserializer(Size.class, new SizeDeserializer()))
                    .build();

    /** A size in bytes, for records bound by {@link #bind}: {@code batch: 256 KiB}. */
    public record Size(long bytes) {
        @Override
        public String toString() {
            return Sizes.exact(bytes);
        }
    }

    private final ObjectNode root;

    /** The sections empty in the defaults: pass-throughs, which take any key. */
    private final Set<String> open = new HashSet<>();

    private ConfigTree(ObjectNode defaults) {
        this.root = defaults;
        findOpen(defaults, "");
    }

    private void findOpen(JsonNode node, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getValue().isObject()) {
                if (field.getValue().isEmpty()) {
                    open.add(key);
                } else {
                    findOpen(field.getValue(), key);
                }
            }
        }
    }

    /** A program's configuration, starting from its defaults (which this tree then owns). */
    public static ConfigTree of(ObjectNode defaults) {
        return new ConfigTree(defaults);
    }

    /** The bundled defaults of a program, a resource of its jar; a missing one is a build error. */
    public static ConfigTree defaults(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new ConfigTree(read(in, resource));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled " + resource + " does not read", e);
        }
    }

    /** The effective tree, defaults with everything laid over them. */
    public ObjectNode tree() {
        return root;
    }

    /** The effective options as flat dotted keys, for {@link Options}. */
    public Map<String, String> flat() {
        return flatten(root);
    }

    /** A YAML file as a tree of kebab-case keys, or a {@link ConfigException} naming the file. */
    public static ObjectNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config: no such file " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A YAML file read flat, for {@link Options}: {@code flatten(read(file))}. */
    public static Map<String, String> readFlat(Path file) {
        return flatten(read(file));
    }

    /** A YAML stream as a tree; {@code source} names it in errors. An empty one is {@code {}}. */
    public static ObjectNode read(InputStream yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML" + where(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": must be a YAML mapping of options");
        }
        requireKebabCase(root, "");
        return (ObjectNode) root;
    }

    /**
     * Where a YAML file is broken and why, without the parser's quote of the line: the line may
     * hold a password.
     */
    private static String where(IOException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return " at line "
                    + (marked.getProblemMark().getLine() + 1)
                    + ", column "
                    + (marked.getProblemMark().getColumn() + 1)
                    + ": "
                    + marked.getProblem();
        }
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return " at line "
                    + json.getLocation().getLineNr()
                    + ", column "
                    + json.getLocation().getColumnNr();
        }
        return "";
    }

    private static void requireKebabCase(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireKebabCase(node.get(i), path + "[" + i + "]");
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            for (String word : field.getKey().split("\\.", -1)) {
                if (!KEBAB.matcher(word).matches()) {
                    throw new ConfigException(
                            key,
                            "keys are kebab-case (lower-case words joined by '-'), such as "
                                    + kebab(field.getKey()));
                }
            }
            requireKebabCase(field.getValue(), key);
        }
    }

    private static String kebab(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replace('_', '-')
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Lays {@code user} over {@code defaults}: every key must exist in the defaults, except below
     * an empty section (a pass-through such as {@code kafka.properties: {}}, which takes any key);
     * sections stay sections, lists replace lists, values replace values; {@code null} counts as
     * absent.
     */
    public ConfigTree merge(JsonNode user) {
        merge(root, user, "");
        return this;
    }

    private void merge(ObjectNode into, JsonNode user, String path) {
        boolean passThrough = open.contains(path);
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            JsonNode known = into.get(field.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (known == null && passThrough) {
                passThrough(into, field.getKey(), value, key);
                continue;
            }
            if (known == null) {
                throw new ConfigException(key, "unknown key (known: " + keys(into) + ")");
            }
            if (known.isObject()) {
                if (!value.isObject() && open.contains(key)) {
                    // Never shown: a client property may hold a password.
                    throw new ConfigException(
                            key, "must be a mapping of property names to values, was a value");
                }
                if (!value.isObject()) {
                    throw new ConfigException(
                            key, "must be a mapping of " + keys(known) + ", was " + shape(value));
                }
                merge((ObjectNode) known, value, key);
            } else if (known.isArray()) {
                if (!value.isArray()) {
                    throw new ConfigException(key, "must be a list, was " + shape(value));
                }
                into.set(field.getKey(), value);
            } else {
                if (!value.isValueNode()) {
                    throw new ConfigException(key, "must be a single value, was " + shape(value));
                }
                into.set(field.getKey(), value);
            }
        }
    }

    /**
     * One entry of a pass-through section, stored under its whole dotted name whether the file
     * wrote {@code security.protocol: SASL_SSL} or nested it. Errors never show the value: a client
     * property may hold a password.
     */
    private static void passThrough(ObjectNode into, String name, JsonNode value, String key) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                passThrough(
                        into,
                        name + "." + field.getKey(),
                        field.getValue(),
                        key + "." + field.getKey());
            }
        } else if (value.isArray()) {
            throw new ConfigException(
                    key,
                    "must be a single value (write the property name whole, like"
                            + " security.protocol), was a list");
        } else if (!value.isNull()) {
            into.set(name, TextNode.valueOf(value.asText()));
        }
    }

    /**
     * Sets one dotted key from the command line ({@code --http.port 9000}); the key must exist in
     * the tree as a single value, or lie below a pass-through section.
     */
    public ConfigTree override(String key, String value) {
        String[] parts = key.split("\\.");
        ObjectNode section = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (open.contains(String.join(".", Arrays.copyOfRange(parts, 0, i)))) {
                // A pass-through section: the rest of the key is the property's own dotted name.
                section.set(
                        String.join(".", Arrays.copyOfRange(parts, i, parts.length)),
                        TextNode.valueOf(value));
                return this;
            }
            JsonNode next = section.get(parts[i]);
            if (next == null || !next.isObject()) {
                throw new ConfigException(key, "unknown key");
            }
            section = (ObjectNode) next;
        }
        String last = parts[parts.length - 1];
        if (open.contains(String.join(".", Arrays.copyOfRange(parts, 0, parts.length - 1)))) {
            section.set(last, TextNode.valueOf(value));
            return this;
        }
        JsonNode known = section.get(last);
        if (known == null) {
            throw new ConfigException(key, "unknown key (known: " + keys(section) + ")");
        }
        if (!known.isValueNode()) {
            throw new ConfigException(
                    key, "is a section (" + keys(known) + "), give one of its keys instead");
        }
        section.set(last, TextNode.valueOf(value));
        return this;
    }

    /**
     * Binds a tree to a program's typed record (kebab-case keys to camel-case components; enums
     * case-insensitive; {@link Duration} and {@link Size} in the one grammar), naming the key of
     * the first value that does not fit.
     */
    public <T> T bind(Class<T> type) {
        try {
            return BINDER.treeToValue(root, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(key(e), problem(e));
        } catch (IOException e) {
            throw new ConfigException("config: " + e.getMessage());
        }
    }

    /**
     * The tree as flat dotted keys: {@code detectors: {velocity: {window: 10 min}}} becomes {@code
     * detectors.velocity.window = 10 min}. Lists are refused; {@link Options#rejectUnknown} reports
     * misplaced shapes by key.
     */
    public static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(
                        prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(),
                        out);
            }
        } else if (node.isArray()) {
            throw new ConfigException(prefix + ": lists are not supported, give a single value");
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /**
     * The key of a binding error, as the file writes it: {@code notifications.routes[0].action}.
     */
    private static String key(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!key.isEmpty()) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.isEmpty() ? "config" : key.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key (known: "
                    + String.join(
                            ", ",
                            u.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .toList())
                    + ")";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> type = f.getTargetType();
            String was = "\"" + f.getValue() + "\"";
            if (type != null && type.isEnum()) {
                return "must be one of "
                        + Arrays.toString(type.getEnumConstants())
                        + ", was "
                        + was;
            }
            if (type == Duration.class) {
                return "not a duration: " + was + " (like 250 ms, 30 s, 10 min, 2 h, 7 d)";
            }
            if (type == Size.class) {
                return "not a size: " + was + " (like 512 B, 256 KiB, 64 MiB)";
            }
            if (type == int.class || type == Integer.class) {
                return "must be a whole number, was " + was;
            }
            if (type == double.class || type == Double.class) {
                return "must be a number, was " + was;
            }
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            if (type == int.class || type == Integer.class) {
                return "must be a whole number";
            }
            if (List.class.isAssignableFrom(type)) {
                return "must be a list";
            }
            if (type == String.class) {
                return "must be a single value";
            }
        }
        return e.getOriginalMessage();
    }

    /** The keys a section holds, for a message: {@code host, port, token}. */
    private static String keys(JsonNode section) {
        List<String> names = new ArrayList<>();
        section.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** What a YAML node is, in words: "a list [1, 2]", "the number 8089". */
    private static String shape(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        if (node.isArray()) {
            return "a list " + shown;
        }
        if (node.isObject()) {
            return "a mapping " + shown;
        }
        if (node.isNumber()) {
            return "the number " + shown;
        }
        if (node.isBoolean()) {
            return "the boolean " + shown;
        }
        return "the text " + shown;
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                throw InvalidFormatException.from(p, "a duration", p.getText(), Duration.class);
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, "a duration", text, Duration.class);
            }
        }
    }

    private static final class SizeDeserializer extends JsonDeserializer<Size> {
        @Override
        public Size deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                throw InvalidFormatException.from(p, "a size", p.getText(), Size.class);
            }
            try {
                return new Size(Sizes.parse(text));
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, "a size", text, Size.class);
            }
        }
    }
}
