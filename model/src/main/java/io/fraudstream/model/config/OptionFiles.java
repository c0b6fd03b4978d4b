package io.fraudstream.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a YAML options file (such as {@code conf/fraud-job.yaml}) into flat dotted keys: {@code
 * detectors: {velocity: {window: 10 min}}} becomes {@code detectors.velocity.window = 10 min}.
 * Lists are refused; {@link Options#rejectUnknown} reports misplaced shapes by key.
 */
public final class OptionFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OptionFiles() {}

    /** The options of a file, or a {@link ConfigException} naming it. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config: no such file " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return flatten(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The options of a YAML stream; {@code source} names it in errors. */
    public static Map<String, String> flatten(InputStream yaml, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException(source + ": must be a YAML mapping of options");
            }
            flatten("", root, flat);
        }
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
}
