package io.fraudstream.sink;

import com.fasterxml.jackson.core.JsonParser;
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
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fraudstream.events.Alert;
import io.fraudstream.events.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the {@link SinkConfig}: the built-in defaults ({@code alert-sink-defaults.yaml} in the
 * jar, the one place they live), the file given with {@code --config} over them, the command-line
 * overrides keyed like the file ({@code http.port}) over that, bound with Jackson into {@link
 * SinkFile} (kebab-case keys, durations as in {@code conf/fraud-job.yaml}), then checked: ranges,
 * URLs, secrets from the environment ({@value #ENV_API_TOKEN}, {@value #ENV_WEBHOOK_SECRET},
 * {@value #ENV_CUSTOMER_SECRET}, {@value #ENV_RESPONSE_TOKEN_SECRET}). An unknown key, a section of
 * the wrong shape, a wrong type or an out-of-range value is a {@link ConfigException} naming the
 * key.
 */
public final class ConfigLoader {

    /** Environment variable holding the API token; it wins over {@value #HTTP_TOKEN}. */
    public static final String ENV_API_TOKEN = "FRAUDSTREAM_API_TOKEN";

    /** Environment variable holding the webhook secret; it wins over the file. */
    public static final String ENV_WEBHOOK_SECRET = "FRAUDSTREAM_WEBHOOK_SECRET";

    /** Environment variable holding the customer gateway's signing secret. */
    public static final String ENV_CUSTOMER_SECRET = "FRAUDSTREAM_CUSTOMER_SECRET";

    /** Environment variable holding the response tokens' HMAC key. */
    public static final String ENV_RESPONSE_TOKEN_SECRET = "FRAUDSTREAM_RESPONSE_TOKEN_SECRET";

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_TOKEN = "http.token";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String KAFKA_ALERTS_TOPIC = "kafka.alerts-topic";
    public static final String KAFKA_GROUP_ID = "kafka.group-id";

    /**
     * Kafka client properties for every client of the service; its keys are Kafka's own property
     * names, dots and all, so it is a free-form mapping of single values.
     */
    public static final String KAFKA_PROPERTIES = "kafka.properties";

    public static final String STORE_URL = "store.url";
    public static final String WEBHOOK_URL = "notifications.webhook.url";
    public static final String WEBHOOK_SECRET = "notifications.webhook.secret";
    public static final String CUSTOMER_URL = "notifications.customer.url";
    public static final String CUSTOMER_SECRET = "notifications.customer.secret";
    public static final String CUSTOMER_TOKEN_SECRET = "notifications.customer.token-secret";
    public static final String CUSTOMER_RESPOND_BASE_URL =
            "notifications.customer.respond-base-url";

    /** The channels a route may name. */
    public static final Set<String> CHANNELS = Set.of("webhook", "log", "customer");

    /** Shortest accepted token or secret: guessing 16 random characters is hopeless. */
    static final int MIN_SECRET_LENGTH = 16;

    /**
     * The built-in defaults, the one place they live; {@code conf/alert-sink.yaml} shows the same
     * values for editing.
     */
    static final String DEFAULTS = "/alert-sink-defaults.yaml";

    private static final Pattern TOKEN_CHARS = Pattern.compile("[\\x21-\\x7e]+");

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
                                    .addDeserializer(Duration.class, new DurationDeserializer()))
                    .build();

    private final Map<String, String> env;
    private final Path home;

    private ConfigLoader(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /**
     * Loads and validates the configuration.
     *
     * @param file the YAML file, or {@code null} for the defaults alone
     * @param overrides settings from the command line, keyed like the file
     * @param env the environment
     * @param home the directory a relative SQLite path is resolved against
     * @param generateToken whether to generate a token when none is configured
     * @throws ConfigException naming the first invalid setting
     */
    public static SinkConfig load(
            Path file,
            Map<String, String> overrides,
            Map<String, String> env,
            Path home,
            boolean generateToken) {
        ObjectNode tree = defaults();
        if (file != null) {
            merge(tree, parse(file), "");
        }
        overrides.forEach((key, value) -> override(tree, key, value));
        return new ConfigLoader(env, home).build(bind(tree), generateToken);
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the build");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled " + DEFAULTS + " does not read", e);
        }
    }

    private static JsonNode parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "no such file: " + file);
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file.toString(), "must be a YAML mapping of settings");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Lays {@code user} over {@code into}: every key must exist in the defaults, sections stay
     * sections, lists replace lists, values replace values; {@code null} counts as absent.
     */
    private static void merge(ObjectNode into, JsonNode user, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            JsonNode known = into.get(field.getKey());
            if (known == null) {
                String kebab =
                        field.getKey()
                                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                .toLowerCase(java.util.Locale.ROOT);
                throw new ConfigException(
                        key,
                        (into.has(kebab) ? "unknown key, renamed to " + kebab : "unknown key")
                                + " (known: "
                                + keys(into)
                                + ")");
            }
            if (value == null || value.isNull()) {
                continue;
            }
            if (key.equals(KAFKA_PROPERTIES)) {
                into.set(field.getKey(), clientProperties(value));
            } else if (known.isObject()) {
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
     * The client properties as written, checked to be a mapping of single values. Errors name the
     * shape but never show the value: it may hold a password.
     */
    private static ObjectNode clientProperties(JsonNode value) {
        if (!value.isObject()) {
            throw new ConfigException(
                    KAFKA_PROPERTIES, "must be a mapping of Kafka client properties, was a value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!property.getValue().isValueNode() || property.getValue().isNull()) {
                throw new ConfigException(
                        KAFKA_PROPERTIES + "." + property.getKey(),
                        "must be a single value (write the Kafka property name whole, like"
                                + " security.protocol), was "
                                + (property.getValue().isArray() ? "a list" : "a mapping"));
            }
        }
        return (ObjectNode) value;
    }

    private static void override(ObjectNode tree, String key, String value) {
        if (key.startsWith(KAFKA_PROPERTIES + ".")) {
            ((ObjectNode) tree.get("kafka").get("properties"))
                    .put(key.substring(KAFKA_PROPERTIES.length() + 1), value);
            return;
        }
        String[] parts = key.split("\\.");
        ObjectNode section = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = section.get(parts[i]);
            if (next == null || !next.isObject()) {
                throw new ConfigException(key, "unknown key");
            }
            section = (ObjectNode) next;
        }
        JsonNode known = section.get(parts[parts.length - 1]);
        if (known == null || !known.isValueNode()) {
            throw new ConfigException(key, "unknown key");
        }
        section.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private static SinkFile bind(ObjectNode tree) {
        try {
            return BINDER.treeToValue(tree, SinkFile.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(key(e), problem(e));
        } catch (IOException e) {
            throw new ConfigException("config", e.getMessage());
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
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
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

    /** Durations as in {@code conf/fraud-job.yaml}, by {@link Durations}. */
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

    private SinkConfig build(SinkFile f, boolean generateToken) {
        SinkConfig.Http http =
                withToken(
                        new SinkConfig.Http(
                                f.http().host().strip(),
                                range("http.port", f.http().port(), 0, 65535),
                                null,
                                false),
                        f.http().token().strip(),
                        generateToken);
        SinkFile.Kafka k = f.kafka();
        SinkConfig.Kafka kafka =
                new SinkConfig.Kafka(
                        k.bootstrapServers().strip(),
                        k.alertsTopic().strip(),
                        k.verdictsTopic().strip(),
                        k.groupId().strip(),
                        range("kafka.max-poll-records", k.maxPollRecords(), 1, 100_000),
                        k.rulesTopic().strip(),
                        k.rulesStatusTopic().strip(),
                        k.ruleHitsTopic().strip(),
                        k.properties());
        SinkConfig.Store store =
                new SinkConfig.Store(
                        jdbcUrl(f.store().url().strip()),
                        range("store.pool-size", f.store().poolSize(), 2, 64));
        SinkFile.Notifications n = f.notifications();
        SinkConfig.Notifications notifications =
                new SinkConfig.Notifications(
                        routes(n.routes()),
                        new SinkConfig.RateLimit(
                                range(
                                        "notifications.rate-limit.per-account",
                                        n.rateLimit().perAccount(),
                                        0,
                                        1_000_000),
                                range(
                                        "notifications.rate-limit.window",
                                        n.rateLimit().window(),
                                        Duration.ofMillis(1),
                                        Duration.ofDays(1))),
                        retry(n.retry()),
                        range("notifications.concurrency", n.concurrency(), 1, 64),
                        range(
                                "notifications.poll-interval",
                                n.pollInterval(),
                                Duration.ofMillis(10),
                                Duration.ofHours(1)),
                        webhook(n.webhook()),
                        customer(n.customer()));
        SinkConfig.Health health =
                new SinkConfig.Health(
                        range(
                                "health.broker-timeout",
                                f.health().brokerTimeout(),
                                Duration.ofSeconds(1),
                                Duration.ofHours(1)),
                        range(
                                "health.stall-timeout",
                                f.health().stallTimeout(),
                                Duration.ofSeconds(1),
                                Duration.ofHours(1)));
        SinkConfig.Cases cases =
                new SinkConfig.Cases(
                        range(
                                "cases.window",
                                f.cases().window(),
                                Duration.ZERO,
                                Duration.ofDays(30)));
        return new SinkConfig(http, kafka, store, notifications, health, cases);
    }

    private SinkConfig.Http withToken(
            SinkConfig.Http http, String fromFile, boolean generateToken) {
        String fromEnv = env.get(ENV_API_TOKEN);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new SinkConfig.Http(
                    http.host(), http.port(), checkSecret(ENV_API_TOKEN, fromEnv), false);
        }
        if (!fromFile.isEmpty()) {
            return new SinkConfig.Http(
                    http.host(), http.port(), checkSecret(HTTP_TOKEN, fromFile), false);
        }
        if (generateToken) {
            return new SinkConfig.Http(http.host(), http.port(), generateToken(), true);
        }
        // No bootstrap token: the named keys in the store are the only way in (the service refuses
        // to start when there is none).
        return http;
    }

    /** 32 random bytes, URL-safe base64: fits a header, a query parameter and a terminal. */
    static String generateToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String checkSecret(String key, String value) {
        if (value.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException(
                    key,
                    "must be at least " + MIN_SECRET_LENGTH + " characters, was " + value.length());
        }
        if (!TOKEN_CHARS.matcher(value).matches()) {
            throw new ConfigException(
                    key, "must be printable ASCII without spaces (it is sent in a header)");
        }
        return value;
    }

    private String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new ConfigException(STORE_URL, "must be a JDBC URL (jdbc:...), was " + url);
        }
        if (url.toLowerCase(java.util.Locale.ROOT).contains("rewritebatchedinserts=true")) {
            // the driver then reports no update counts, and the store could not tell new alerts
            // from duplicates
            throw new ConfigException(
                    STORE_URL,
                    "reWriteBatchedInserts=true is not supported: remove it from the URL");
        }
        String sqlite = "jdbc:sqlite:";
        if (url.startsWith(sqlite)) {
            String path = url.substring(sqlite.length());
            if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
                return url;
            }
            Path file = Path.of(path);
            return file.isAbsolute() ? url : sqlite + home.resolve(file).normalize();
        }
        return url;
    }

    private static List<SinkConfig.Route> routes(List<SinkFile.Route> routes) {
        List<SinkConfig.Route> out = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            String at = "notifications.routes[" + i + "]";
            SinkFile.Route route = routes.get(i);
            if (route == null) {
                throw new ConfigException(at, "must be a mapping {action, min-severity, channels}");
            }
            if (route.channels() == null) {
                throw new ConfigException(
                        at + ".channels", "required: a list of channels out of " + CHANNELS);
            }
            List<String> names = new ArrayList<>();
            for (String channel : route.channels()) {
                if (channel == null || !CHANNELS.contains(channel)) {
                    throw new ConfigException(
                            at + ".channels",
                            "must name channels out of " + CHANNELS + ", was " + channel);
                }
                if (!names.contains(channel)) {
                    names.add(channel);
                }
            }
            out.add(
                    new SinkConfig.Route(
                            route.action() == null
                                    ? EnumSet.allOf(Alert.Action.class)
                                    : EnumSet.of(route.action()),
                            route.minSeverity() == null ? Alert.Severity.LOW : route.minSeverity(),
                            names));
        }
        return out;
    }

    private static SinkConfig.Retry retry(SinkFile.Retry r) {
        Duration initial =
                range(
                        "notifications.retry.initial-backoff",
                        r.initialBackoff(),
                        Duration.ofMillis(1),
                        Duration.ofHours(1));
        Duration max =
                range(
                        "notifications.retry.max-backoff",
                        r.maxBackoff(),
                        Duration.ofMillis(1),
                        Duration.ofDays(1));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(
                    "notifications.retry.max-backoff",
                    "must be at least notifications.retry.initial-backoff ("
                            + Durations.exact(initial)
                            + "), was "
                            + Durations.exact(max));
        }
        double jitter = r.jitter();
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new ConfigException(
                    "notifications.retry.jitter", "must be in [0.0, 1.0], was " + jitter);
        }
        return new SinkConfig.Retry(
                range("notifications.retry.max-attempts", r.maxAttempts(), 1, 100),
                initial,
                max,
                jitter);
    }

    private SinkConfig.Webhook webhook(SinkFile.Endpoint w) {
        return signedEndpoint(
                "notifications.webhook",
                w.url(),
                w.secret(),
                ENV_WEBHOOK_SECRET,
                w.connectTimeout(),
                w.requestTimeout());
    }

    /**
     * The customer channel, when its URL is set: the gateway (signed like the webhook), the
     * response tokens' key (generated for this run when none is configured, so links then stop
     * working at a restart), their lifetime, the address links point at (this service's own when
     * empty) and how long a case waits for the answer.
     */
    private SinkConfig.Customer customer(SinkFile.Customer c) {
        Duration ttl =
                range(
                        "notifications.customer.token-ttl",
                        c.tokenTtl(),
                        Duration.ofSeconds(1),
                        Duration.ofDays(30));
        Duration answerTimeout =
                range(
                        "notifications.customer.answer-timeout",
                        c.answerTimeout(),
                        Duration.ZERO,
                        Duration.ofDays(7));
        SinkConfig.Webhook gateway =
                signedEndpoint(
                        "notifications.customer",
                        c.url(),
                        c.secret(),
                        ENV_CUSTOMER_SECRET,
                        c.connectTimeout(),
                        c.requestTimeout());
        if (gateway == null) {
            return null;
        }
        String fromEnv = env.get(ENV_RESPONSE_TOKEN_SECRET);
        String tokenSecret;
        if (fromEnv != null && !fromEnv.isEmpty()) {
            tokenSecret = checkSecret(ENV_RESPONSE_TOKEN_SECRET, fromEnv);
        } else if (!c.tokenSecret().strip().isEmpty()) {
            tokenSecret = checkSecret(CUSTOMER_TOKEN_SECRET, c.tokenSecret().strip());
        } else {
            tokenSecret = generateToken();
        }
        String base = c.respondBaseUrl().strip();
        return new SinkConfig.Customer(
                gateway,
                tokenSecret,
                ttl,
                base.isEmpty() ? null : httpUrl(CUSTOMER_RESPOND_BASE_URL, base),
                answerTimeout);
    }

    private SinkConfig.Webhook signedEndpoint(
            String section,
            String url,
            String secretFromFile,
            String secretEnv,
            Duration connectTimeout,
            Duration requestTimeout) {
        Duration connect =
                range(
                        section + ".connect-timeout",
                        connectTimeout,
                        Duration.ofMillis(1),
                        Duration.ofMinutes(5));
        Duration request =
                range(
                        section + ".request-timeout",
                        requestTimeout,
                        Duration.ofMillis(1),
                        Duration.ofMinutes(5));
        if (url.strip().isEmpty()) {
            return null;
        }
        URI uri = httpUrl(section + ".url", url.strip());
        String fromEnv = env.get(secretEnv);
        String secret;
        if (fromEnv != null && !fromEnv.isEmpty()) {
            secret = checkSecret(secretEnv, fromEnv);
        } else if (!secretFromFile.strip().isEmpty()) {
            secret = checkSecret(section + ".secret", secretFromFile.strip());
        } else {
            throw new ConfigException(
                    section + ".secret",
                    "required when "
                            + section
                            + ".url is set (or the environment variable "
                            + secretEnv
                            + ")");
        }
        return new SinkConfig.Webhook(uri, secret, connect, request);
    }

    private static URI httpUrl(String key, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new ConfigException(key, "must be an http or https URL, was " + url);
        }
        return uri;
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private static Duration range(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(
                    key,
                    "must be between "
                            + Durations.exact(min)
                            + " and "
                            + Durations.exact(max)
                            + ", was "
                            + Durations.exact(value));
        }
        return value;
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
}
