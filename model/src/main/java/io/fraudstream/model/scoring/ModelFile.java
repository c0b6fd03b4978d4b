package io.fraudstream.model.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.model.features.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file: JSON, readable and diffable in review, versioned and validated at load with an
 * error naming the path of what is wrong.
 *
 * <pre>{@code
 * {"format": "fraudstream-model", "formatVersion": 1, "modelVersion": "handbook-v2",
 *  "kind": "gradient-boosted-trees", "features": ["amount", "card.count.1d", ...],
 *  "baseMargin": -4.8,
 *  "trees": [{"feature": [3, -1, -1], "threshold": [220.0, 0, 0], "left": [1, -1, -1],
 *             "right": [2, -1, -1], "defaultLeft": [true, false, false],
 *             "value": [-0.01, -0.02, 0.31]}, ...],
 *  "training": {...}, "featureOptions": {...}}
 * }</pre>
 *
 * <p>{@code features} must list exactly the {@link Feature} ids in order: a model trained on other
 * features cannot be served. In each tree, node 0 is the root, a node's children come after it,
 * {@code feature} -1 marks a leaf, and every array has one entry per node. {@code training} and
 * {@code featureOptions} record how the model was made (data, periods, command, seed, metrics; the
 * feature options of the job it was trained for) and are kept as given.
 */
public final class ModelFile {

    public static final String FORMAT = "fraudstream-model";
    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "gradient-boosted-trees";

    /** Most trees and most nodes per tree accepted: far above any useful model. */
    static final int MAX_TREES = 10_000;

    static final int MAX_NODES = 1 << 16;

    /** Most nodes of all trees together, and the deepest leaf: what the scorer lays out. */
    static final int MAX_TOTAL_NODES = 1 << 22;

    static final int MAX_DEPTH = 32;

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A model file as read: the model and what it says about itself. */
    public record Loaded(
            String modelVersion,
            TreeModel model,
            Map<String, String> featureOptions,
            JsonNode training) {}

    private ModelFile() {}

    /** Reads and validates a model file; a {@link ModelException} names what is wrong. */
    public static Loaded read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads and validates a model from a stream; {@code source} names it in errors. */
    public static Loaded read(InputStream in, String source) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(in)) {
            root = JSON.readTree(parser);
        } catch (IOException e) {
            throw new ModelException(source + ": not valid JSON: " + e.getMessage());
        }
        try {
            return parse(root);
        } catch (ModelException e) {
            throw new ModelException(source + ": " + e.getMessage());
        }
    }

    private static Loaded parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ModelException("must be a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new ModelException("format: must be \"" + FORMAT + "\", was \"" + format + "\"");
        }
        JsonNode version = required(root, "formatVersion");
        if (!version.isInt() || version.asInt() != FORMAT_VERSION) {
            throw new ModelException(
                    "formatVersion: this job reads version "
                            + FORMAT_VERSION
                            + ", the file is version "
                            + version
                            + "; retrain the model or run a job of that version");
        }
        String kind = text(root, "kind");
        if (!KIND.equals(kind)) {
            throw new ModelException("kind: must be \"" + KIND + "\", was \"" + kind + "\"");
        }
        String modelVersion = text(root, "modelVersion");
        if (modelVersion.isBlank() || modelVersion.length() > 256) {
            throw new ModelException("modelVersion: must be 1 to 256 characters");
        }
        checkFeatures(required(root, "features"));
        double baseMargin = number(root, "baseMargin");
        JsonNode trees = required(root, "trees");
        if (!trees.isArray() || trees.isEmpty() || trees.size() > MAX_TREES) {
            throw new ModelException("trees: must be an array of 1 to " + MAX_TREES + " trees");
        }
        List<Tree> parsed = new ArrayList<>();
        long totalNodes = 0;
        for (int t = 0; t < trees.size(); t++) {
            String at = "trees[" + t + "]";
            JsonNode tree = trees.get(t);
            if (!tree.isObject()) {
                throw new ModelException(at + ": must be an object");
            }
            int[] feature = ints(tree, at, "feature");
            int n = feature.length;
            if (n == 0 || n > MAX_NODES) {
                throw new ModelException(at + ".feature: must have 1 to " + MAX_NODES + " nodes");
            }
            totalNodes += n;
            if (totalNodes > MAX_TOTAL_NODES) {
                throw new ModelException(
                        "trees: more than " + MAX_TOTAL_NODES + " nodes in all, at " + at);
            }
            float[] threshold = floats(tree, at, "threshold", n);
            int[] left = ints(tree, at, "left");
            int[] right = ints(tree, at, "right");
            boolean[] defaultLeft = booleans(tree, at, "defaultLeft", n);
            double[] value = doubles(tree, at, "value", n);
            checkLength(at, "left", left.length, n);
            checkLength(at, "right", right.length, n);
            checkTree(at, feature, left, right);
            parsed.add(new Tree(feature, threshold, left, right, defaultLeft, value));
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode featureOptions = root.get("featureOptions");
        if (featureOptions != null && !featureOptions.isNull()) {
            if (!featureOptions.isObject()) {
                throw new ModelException("featureOptions: must be an object of options");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = featureOptions.fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw new ModelException("featureOptions." + e.getKey() + ": must be a value");
                }
                options.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Loaded(
                modelVersion, assemble(baseMargin, parsed), options, root.get("training"));
    }

    /**
     * The scoring form of validated trees: every tree's nodes in shared arrays, child indices made
     * absolute.
     */
    public static TreeModel assemble(double baseMargin, List<Tree> trees) {
        int nodes = 0;
        for (Tree tree : trees) {
            nodes += tree.feature().length;
        }
        int[] roots = new int[trees.size()];
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        double[] value = new double[nodes];
        int base = 0;
        for (int t = 0; t < roots.length; t++) {
            Tree tree = trees.get(t);
            roots[t] = base;
            int n = tree.feature().length;
            for (int i = 0; i < n; i++) {
                boolean leaf = tree.feature()[i] < 0;
                feature[base + i] = tree.feature()[i];
                threshold[base + i] = tree.threshold()[i];
                left[base + i] = leaf ? -1 : base + tree.left()[i];
                right[base + i] = leaf ? -1 : base + tree.right()[i];
                defaultLeft[base + i] = tree.defaultLeft()[i];
                value[base + i] = tree.value()[i];
            }
            base += n;
        }
        return new TreeModel(
                baseMargin,
                Feature.COUNT,
                roots,
                feature,
                threshold,
                left,
                right,
                defaultLeft,
                value);
    }

    private static void checkFeatures(JsonNode node) {
        List<String> expected = Feature.ids();
        if (!node.isArray()) {
            throw new ModelException("features: must be an array of feature names");
        }
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).isTextual() ? node.get(i).asText() : node.get(i).toString();
            if (!expected.contains(name)) {
                throw new ModelException(
                        "features["
                                + i
                                + "]: unknown feature \""
                                + name
                                + "\"; this job computes "
                                + expected);
            }
            if (i >= expected.size() || !expected.get(i).equals(name)) {
                throw new ModelException(
                        "features["
                                + i
                                + "]: expected \""
                                + (i < expected.size() ? expected.get(i) : "(end)")
                                + "\" here, was \""
                                + name
                                + "\"; the model was trained on other features: retrain it");
            }
        }
        if (node.size() != expected.size()) {
            throw new ModelException(
                    "features: lists "
                            + node.size()
                            + " features, this job computes "
                            + expected.size()
                            + " (missing \""
                            + expected.get(node.size())
                            + "\"); retrain the model");
        }
    }

    /** Each node's children are later nodes, each node but the root has exactly one parent. */
    private static void checkTree(String at, int[] feature, int[] left, int[] right) {
        int n = feature.length;
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            if (feature[i] < 0) {
                if (feature[i] != -1) {
                    throw new ModelException(
                            at + ".feature[" + i + "]: -1 (leaf) or a feature index");
                }
                continue;
            }
            if (feature[i] >= Feature.COUNT) {
                throw new ModelException(
                        at
                                + ".feature["
                                + i
                                + "]: no feature "
                                + feature[i]
                                + " (0.."
                                + (Feature.COUNT - 1)
                                + ")");
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child <= i || child >= n) {
                    throw new ModelException(
                            at
                                    + ": node "
                                    + i
                                    + " has child "
                                    + child
                                    + ", must be in ("
                                    + i
                                    + ", "
                                    + n
                                    + ")");
                }
                parents[child]++;
            }
        }
        for (int i = 1; i < n; i++) {
            if (parents[i] != 1) {
                throw new ModelException(
                        at + ": node " + i + " has " + parents[i] + " parents, must have 1");
            }
        }
        int[] depth = new int[n]; // children come after their parent
        for (int i = 0; i < n; i++) {
            if (feature[i] >= 0) {
                if (depth[i] + 1 > MAX_DEPTH) {
                    throw new ModelException(
                            at + ": node " + i + " is deeper than " + MAX_DEPTH + " levels");
                }
                depth[left[i]] = depth[i] + 1;
                depth[right[i]] = depth[i] + 1;
            }
        }
    }

    /**
     * Writes a model file.
     *
     * @param trees per tree, its arrays as in the file
     */
    public static void write(
            Path file,
            String modelVersion,
            double baseMargin,
            List<Tree> trees,
            Map<String, String> featureOptions,
            ObjectNode training)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("modelVersion", modelVersion);
        root.put("kind", KIND);
        ArrayNode names = root.putArray("features");
        Feature.ids().forEach(names::add);
        root.put("baseMargin", baseMargin);
        ArrayNode out = root.putArray("trees");
        for (Tree tree : trees) {
            ObjectNode node = out.addObject();
            ArrayNode f = node.putArray("feature");
            ArrayNode th = node.putArray("threshold");
            ArrayNode l = node.putArray("left");
            ArrayNode r = node.putArray("right");
            ArrayNode d = node.putArray("defaultLeft");
            ArrayNode v = node.putArray("value");
            for (int i = 0; i < tree.feature().length; i++) {
                f.add(tree.feature()[i]);
                th.add(tree.threshold()[i]);
                l.add(tree.left()[i]);
                r.add(tree.right()[i]);
                d.add(tree.defaultLeft()[i]);
                v.add(tree.value()[i]);
            }
        }
        ObjectNode options = root.putObject("featureOptions");
        featureOptions.forEach(options::put);
        root.set("training", training);
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Objects indented, arrays on one line: a tree reads as six lines, not thousands.
        DefaultPrettyPrinter printer =
                new DefaultPrettyPrinter()
                        .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        Files.writeString(file, JSON.writer(printer).writeValueAsString(root) + "\n");
    }

    /** One tree's arrays, as written. */
    public record Tree(
            int[] feature,
            float[] threshold,
            int[] left,
            int[] right,
            boolean[] defaultLeft,
            double[] value) {}

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ModelException(field + ": required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new ModelException(field + ": must be a string, was " + value);
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new ModelException(field + ": must be a finite number, was " + value);
        }
        return value.asDouble();
    }

    private static JsonNode array(JsonNode tree, String at, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isArray()) {
            throw new ModelException(at + "." + field + ": required, an array");
        }
        return value;
    }

    /** The field's array, which must have one entry per node. */
    private static JsonNode array(JsonNode tree, String at, String field, int n) {
        JsonNode a = array(tree, at, field);
        checkLength(at, field, a.size(), n);
        return a;
    }

    private static int[] ints(JsonNode tree, String at, String field) {
        JsonNode a = array(tree, at, field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isInt()) {
                throw new ModelException(at + "." + field + "[" + i + "]: must be an integer");
            }
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode tree, String at, String field, int n) {
        double[] values = doubles(tree, at, field, n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] doubles(JsonNode tree, String at, String field, int n) {
        JsonNode a = array(tree, at, field, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!a.get(i).isNumber() || !Double.isFinite(a.get(i).asDouble())) {
                throw new ModelException(at + "." + field + "[" + i + "]: must be a finite number");
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static boolean[] booleans(JsonNode tree, String at, String field, int n) {
        JsonNode a = array(tree, at, field, n);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!a.get(i).isBoolean()) {
                throw new ModelException(at + "." + field + "[" + i + "]: must be true or false");
            }
            out[i] = a.get(i).asBoolean();
        }
        return out;
    }

    private static void checkLength(String at, String field, int length, int n) {
        if (length != n) {
            throw new ModelException(
                    at
                            + "."
                            + field
                            + ": has "
                            + length
                            + " entries, the tree has "
                            + n
                            + " nodes");
        }
    }
}
