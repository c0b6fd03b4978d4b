package io.fraudstream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The resources of {@code deploy/kubernetes}, parsed, for the tests that check them against the
 * code: each module's test reads them relative to its own directory ({@code ../deploy/kubernetes}).
 */
public final class KubernetesManifests {

    /** The manifests' directory, from a module's directory (the test's working directory). */
    public static final Path DIR = Path.of("..", "deploy", "kubernetes");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code $(NAME)}: how Kubernetes refers to an environment variable in args and env. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final List<Resource> resources;

    private KubernetesManifests(List<Resource> resources) {
        this.resources = resources;
    }

    /** One resource and the file it is in. */
    public record Resource(String file, JsonNode node) {
        public String kind() {
            return node.path("kind").asText();
        }

        public String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    /** Every resource of every {@code *.yaml} file in {@link #DIR}, but the kustomization. */
    public static KubernetesManifests load() {
        List<Resource> resources = new ArrayList<>();
        for (Path file : files()) {
            try (MappingIterator<JsonNode> docs =
                    YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    // A stream may open with comments and "---": that is no resource.
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        resources.add(new Resource(file.getFileName().toString(), doc));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse " + file, e);
            }
        }
        return new KubernetesManifests(resources);
    }

    /** The manifest files, without {@code kustomization.yaml}, sorted by name. */
    public static List<Path> files() {
        try (Stream<Path> list = Files.list(DIR)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIR.toAbsolutePath(), e);
        }
    }

    /** {@code kustomization.yaml}, parsed. */
    public static JsonNode kustomization() {
        return read(DIR.resolve("kustomization.yaml"));
    }

    /** A file of {@link #DIR} other than a manifest (a Dockerfile), as text. */
    public static String text(String file) {
        try {
            return Files.readString(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR.resolve(file), e);
        }
    }

    /** One YAML document, e.g. a ConfigMap's data entry. */
    public static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML: " + yaml, e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    public List<Resource> all() {
        return resources;
    }

    /** The Kafka topic names of the KafkaTopics: Strimzi's spec.topicName, else the name. */
    public List<String> topicNames() {
        return ofKind("KafkaTopic").stream().map(KubernetesManifests::topicName).toList();
    }

    /** A KafkaTopic's Kafka topic name: spec.topicName when set, else the resource's name. */
    public static String topicName(Resource kafkaTopic) {
        JsonNode topicName = kafkaTopic.node().path("spec").path("topicName");
        return topicName.isTextual() ? topicName.asText() : kafkaTopic.name();
    }

    public List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The resource of that kind and name; fails naming both when there is none. */
    public JsonNode get(String kind, String name) {
        return find(kind, name)
                .orElseThrow(
                        () -> new AssertionError("no " + kind + " named " + name + " in " + DIR));
    }

    public Optional<JsonNode> find(String kind, String name) {
        return resources.stream()
                .filter(r -> r.kind().equals(kind) && r.name().equals(name))
                .map(Resource::node)
                .findFirst();
    }

    /**
     * The text of the ConfigMap entry a container sees at {@code path}: the volume mounted at the
     * path's directory must be that ConfigMap, and the file name one of its keys.
     */
    public String mountedConfigMapFile(JsonNode podSpec, JsonNode container, String path) {
        Path file = Path.of(path);
        String mountPath = file.getParent().toString();
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(mountPath)) {
                volume = mount.path("name").asText();
            }
        }
        if (volume == null) {
            throw new AssertionError("nothing is mounted at " + mountPath + " for " + path);
        }
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                String configMap = v.path("configMap").path("name").asText();
                JsonNode entry =
                        get("ConfigMap", configMap)
                                .path("data")
                                .path(file.getFileName().toString());
                if (!entry.isTextual()) {
                    throw new AssertionError(
                            "ConfigMap " + configMap + " has no key " + file.getFileName());
                }
                return entry.asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not declared in the pod");
    }

    /** The value of a Secret's key ({@code stringData}, as the manifests write them). */
    public String secretValue(String secret, String key) {
        JsonNode value = get("Secret", secret).path("stringData").path(key);
        if (!value.isTextual()) {
            throw new AssertionError("Secret " + secret + " has no stringData key " + key);
        }
        return value.asText();
    }

    /**
     * A container's environment as Kubernetes builds it: literal values with {@code $(NAME)} of
     * earlier variables expanded, and values from the Secrets of these manifests.
     */
    public Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            JsonNode secretRef = e.path("valueFrom").path("secretKeyRef");
            if (secretRef.isObject()) {
                env.put(
                        name,
                        secretValue(
                                secretRef.path("name").asText(), secretRef.path("key").asText()));
            } else {
                env.put(name, expand(e.path("value").asText(), env));
            }
        }
        return env;
    }

    /** {@code $(NAME)} replaced by the variable's value, as Kubernetes does in args and env. */
    public static String expand(String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!env.containsKey(name)) {
                throw new AssertionError(value + " refers to $(" + name + "), which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(env.get(name)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
