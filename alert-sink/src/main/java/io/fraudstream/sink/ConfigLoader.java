package io.fraudstream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fraudstream.events.Alert;
import io.fraudstream.events.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link SinkConfig} from {@code conf/alert-sink.yaml} (or built-in defaults), the
 * environment ({@value #ENV_API_TOKEN}, {@value #ENV_WEBHOOK_SECRET}) and command-line overrides
 * keyed like the file ({@code http.port}). Unknown keys, wrong types and out-of-range values are
 * rejected with a {@link ConfigException} naming the key.
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
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrapServers";
    public static final String KAFKA_ALERTS_TOPIC = "kafka.alertsTopic";
    public static final String KAFKA_VERDICTS_TOPIC = "kafka.verdictsTopic";
    public static final String KAFKA_GROUP_ID = "kafka.groupId";
    public static final String KAFKA_RULES_TOPIC = "kafka.rulesTopic";
    public static final String KAFKA_RULES_STATUS_TOPIC = "kafka.rulesStatusTopic";
    public static final String KAFKA_RULE_HITS_TOPIC = "kafka.ruleHitsTopic";
    public static final String KAFKA_MAX_POLL_RECORDS = "kafka.maxPollRecords";
    public static final String STORE_URL = "store.url";
    public static final String STORE_POOL_SIZE = "store.poolSize";
    public static final String ROUTES = "notifications.routes";
    public static final String RATE_LIMIT_PER_ACCOUNT = "notifications.rateLimit.perAccount";
    public static final String RATE_LIMIT_WINDOW = "notifications.rateLimit.window";
    public static final String RETRY_MAX_ATTEMPTS = "notifications.retry.maxAttempts";
    public static final String RETRY_INITIAL_BACKOFF = "notifications.retry.initialBackoff";
    public static final String RETRY_MAX_BACKOFF = "notifications.retry.maxBackoff";
    public static final String RETRY_JITTER = "notifications.retry.jitter";
    public static final String CONCURRENCY = "notifications.concurrency";
    public static final String POLL_INTERVAL = "notifications.pollInterval";
    public static final String WEBHOOK_URL = "notifications.webhook.url";
    public static final String WEBHOOK_SECRET = "notifications.webhook.secret";
    public static final String WEBHOOK_CONNECT_TIMEOUT = "notifications.webhook.connectTimeout";
    public static final String WEBHOOK_REQUEST_TIMEOUT = "notifications.webhook.requestTimeout";
    public static final String HEALTH_BROKER_TIMEOUT = "health.brokerTimeout";
    public static final String HEALTH_STALL_TIMEOUT = "health.stallTimeout";
    public static final String CASES_WINDOW = "cases.window";
    public static final String CUSTOMER_URL = "notifications.customer.url";
    public static final String CUSTOMER_SECRET = "notifications.customer.secret";
    public static final String CUSTOMER_TOKEN_SECRET = "notifications.customer.tokenSecret";
    public static final String CUSTOMER_TOKEN_TTL = "notifications.customer.tokenTtl";
    public static final String CUSTOMER_RESPOND_BASE_URL = "notifications.customer.respondBaseUrl";
    public static final String CUSTOMER_ANSWER_TIMEOUT = "notifications.customer.answerTimeout";
    public static final String CUSTOMER_CONNECT_TIMEOUT = "notifications.customer.connectTimeout";
    public static final String CUSTOMER_REQUEST_TIMEOUT = "notifications.customer.requestTimeout";

    /** Every key, to name what belongs in a section whose shape is wrong. */
    private static final List<String> KEYS =
            List.of(
                    HTTP_HOST,
                    HTTP_PORT,
                    HTTP_TOKEN,
                    KAFKA_BOOTSTRAP_SERVERS,
                    KAFKA_ALERTS_TOPIC,
                    KAFKA_VERDICTS_TOPIC,
                    KAFKA_GROUP_ID,
                    KAFKA_RULES_TOPIC,
                    KAFKA_RULES_STATUS_TOPIC,
                    KAFKA_RULE_HITS_TOPIC,
                    KAFKA_MAX_POLL_RECORDS,
                    STORE_URL,
                    STORE_POOL_SIZE,
                    ROUTES,
                    RATE_LIMIT_PER_ACCOUNT,
                    RATE_LIMIT_WINDOW,
                    RETRY_MAX_ATTEMPTS,
                    RETRY_INITIAL_BACKOFF,
                    RETRY_MAX_BACKOFF,
                    RETRY_JITTER,
                    CONCURRENCY,
                    POLL_INTERVAL,
                    WEBHOOK_URL,
                    WEBHOOK_SECRET,
                    WEBHOOK_CONNECT_TIMEOUT,
                    WEBHOOK_REQUEST_TIMEOUT,
                    HEALTH_BROKER_TIMEOUT,
                    HEALTH_STALL_TIMEOUT,
                    CASES_WINDOW,
                    CUSTOMER_URL,
                    CUSTOMER_SECRET,
                    CUSTOMER_TOKEN_SECRET,
                    CUSTOMER_TOKEN_TTL,
                    CUSTOMER_RESPOND_BASE_URL,
                    CUSTOMER_ANSWER_TIMEOUT,
                    CUSTOMER_CONNECT_TIMEOUT,
                    CUSTOMER_REQUEST_TIMEOUT);

    /** The channels a route may name. */
    public static final Set<String> CHANNELS = Set.of("webhook", "log", "customer");

    /** Shortest accepted token or secret: guessing 16 random characters is hopeless. */
    static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern TOKEN_CHARS = Pattern.compile("[\\x21-\\x7e]+");

    private final JsonNode root;
    private final Map<String, String> overrides;
    private final Map<String, String> env;
    private final Path home;
    private final Set<String> readKeys = new HashSet<>();

    private ConfigLoader(
            JsonNode root, Map<String, String> overrides, Map<String, String> env, Path home) {
        this.root = root;
        this.overrides = overrides;
        this.env = env;
        this.home = home;
    }

    /**
     * Loads and validates the configuration.
     *
     * @param file the YAML file, or {@code null} for the built-in defaults
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
        JsonNode root = file == null ? JsonNodeFactory.instance.objectNode() : parse(file);
        return new ConfigLoader(root, Map.copyOf(overrides), env, home).build(generateToken);
    }

    private static JsonNode parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "no such file: " + file);
        }
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file.toString(), "must be a YAML mapping of settings");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "not valid YAML: " + e.getMessage());
        }
    }

    private SinkConfig build(boolean generateToken) {
        SinkConfig.Http http =
                new SinkConfig.Http(
                        string(HTTP_HOST, "127.0.0.1"),
                        integer(HTTP_PORT, 8080, 0, 65535),
                        null,
                        false);
        http = withToken(http, generateToken);
        SinkConfig.Kafka kafka =
                new SinkConfig.Kafka(
                        string(KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
                        string(KAFKA_ALERTS_TOPIC, Topic.FRAUD_ALERTS.defaultName()),
                        string(KAFKA_VERDICTS_TOPIC, Topic.FRAUD_VERDICTS.defaultName()),
                        string(KAFKA_GROUP_ID, "fraudstream-alert-sink"),
                        integer(KAFKA_MAX_POLL_RECORDS, 1000, 1, 100_000),
                        string(KAFKA_RULES_TOPIC, Topic.FRAUD_RULES.defaultName()),
                        string(KAFKA_RULES_STATUS_TOPIC, Topic.FRAUD_RULES_STATUS.defaultName()),
                        string(KAFKA_RULE_HITS_TOPIC, Topic.FRAUD_RULE_HITS.defaultName()));
        SinkConfig.Store store =
                new SinkConfig.Store(
                        jdbcUrl(string(STORE_URL, "jdbc:sqlite:var/alerts.db")),
                        integer(STORE_POOL_SIZE, 4, 2, 64));
        SinkConfig.Notifications notifications =
                new SinkConfig.Notifications(
                        routes(),
                        new SinkConfig.RateLimit(
                                integer(RATE_LIMIT_PER_ACCOUNT, 5, 0, 1_000_000),
                                duration(
                                        RATE_LIMIT_WINDOW,
                                        Duration.ofMinutes(1),
                                        Duration.ofMillis(1),
                                        Duration.ofDays(1))),
                        retry(),
                        integer(CONCURRENCY, 4, 1, 64),
                        duration(
                                POLL_INTERVAL,
                                Duration.ofSeconds(1),
                                Duration.ofMillis(10),
                                Duration.ofHours(1)),
                        webhook(),
                        customer(http));
        SinkConfig.Health health =
                new SinkConfig.Health(
                        duration(
                                HEALTH_BROKER_TIMEOUT,
                                Duration.ofSeconds(15),
                                Duration.ofSeconds(1),
                                Duration.ofHours(1)),
                        duration(
                                HEALTH_STALL_TIMEOUT,
                                Duration.ofMinutes(2),
                                Duration.ofSeconds(1),
                                Duration.ofHours(1)));
        SinkConfig.Cases cases =
                new SinkConfig.Cases(
                        duration(
                                CASES_WINDOW,
                                Duration.ofMinutes(30),
                                Duration.ZERO,
                                Duration.ofDays(30)));
        rejectUnknownKeys(root, "");
        return new SinkConfig(http, kafka, store, notifications, health, cases);
    }

    private SinkConfig.Http withToken(SinkConfig.Http http, boolean generateToken) {
        String fromEnv = env.get(ENV_API_TOKEN);
        String fromFile = string(HTTP_TOKEN, "");
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
        throw new ConfigException(
                HTTP_TOKEN,
                "no API token: set the environment variable "
                        + ENV_API_TOKEN
                        + " or "
                        + HTTP_TOKEN
                        + " in conf/alert-sink.yaml, or start with --generate-token to have one"
                        + " generated and printed");
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

    private List<SinkConfig.Route> routes() {
        JsonNode node = node(ROUTES);
        if (node == null) {
            // the customer channel is off until its gateway URL is set: routes to it are ignored
            return List.of(
                    new SinkConfig.Route(
                            EnumSet.of(Alert.Action.BLOCK),
                            Alert.Severity.LOW,
                            List.of("webhook", "log", "customer")),
                    new SinkConfig.Route(
                            EnumSet.of(Alert.Action.FLAG),
                            Alert.Severity.HIGH,
                            List.of("log", "customer")),
                    new SinkConfig.Route(
                            EnumSet.of(Alert.Action.FLAG), Alert.Severity.LOW, List.of("log")));
        }
        if (!node.isArray()) {
            throw new ConfigException(ROUTES, "must be a list of {action, minSeverity, channels}");
        }
        List<SinkConfig.Route> routes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = ROUTES + "[" + i + "]";
            JsonNode route = node.get(i);
            if (!route.isObject()) {
                throw new ConfigException(at, "must be a mapping {action, minSeverity, channels}");
            }
            for (Iterator<String> it = route.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!Set.of("action", "minSeverity", "channels").contains(field)) {
                    throw new ConfigException(
                            at + "." + field, "unknown key (known: action, minSeverity, channels)");
                }
            }
            Set<Alert.Action> actions = EnumSet.allOf(Alert.Action.class);
            if (route.has("action")) {
                actions =
                        EnumSet.of(
                                enumValue(at + ".action", route.get("action"), Alert.Action.class));
            }
            Alert.Severity minSeverity = Alert.Severity.LOW;
            if (route.has("minSeverity")) {
                minSeverity =
                        enumValue(
                                at + ".minSeverity",
                                route.get("minSeverity"),
                                Alert.Severity.class);
            }
            JsonNode channels = route.get("channels");
            if (channels == null || !channels.isArray()) {
                throw new ConfigException(
                        at + ".channels", "required: a list of channels out of " + CHANNELS);
            }
            List<String> names = new ArrayList<>();
            for (JsonNode channel : channels) {
                if (!channel.isTextual() || !CHANNELS.contains(channel.asText())) {
                    throw new ConfigException(
                            at + ".channels",
                            "must name channels out of " + CHANNELS + ", was " + channel);
                }
                if (!names.contains(channel.asText())) {
                    names.add(channel.asText());
                }
            }
            routes.add(new SinkConfig.Route(actions, minSeverity, names));
        }
        return routes;
    }

    private SinkConfig.Retry retry() {
        Duration initial =
                duration(
                        RETRY_INITIAL_BACKOFF,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(1),
                        Duration.ofHours(1));
        Duration max =
                duration(
                        RETRY_MAX_BACKOFF,
                        Duration.ofMinutes(5),
                        Duration.ofMillis(1),
                        Duration.ofDays(1));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(
                    RETRY_MAX_BACKOFF,
                    "must be at least " + RETRY_INITIAL_BACKOFF + " (" + initial + "), was " + max);
        }
        return new SinkConfig.Retry(
                integer(RETRY_MAX_ATTEMPTS, 8, 1, 100),
                initial,
                max,
                decimal(RETRY_JITTER, 0.5, 0, 1));
    }

    private SinkConfig.Webhook webhook() {
        return signedEndpoint(
                WEBHOOK_URL,
                WEBHOOK_SECRET,
                ENV_WEBHOOK_SECRET,
                WEBHOOK_CONNECT_TIMEOUT,
                WEBHOOK_REQUEST_TIMEOUT);
    }

    /**
     * The customer channel, when {@value #CUSTOMER_URL} is set: the gateway (signed like the
     * webhook), the response tokens' key (generated for this run when none is configured, so links
     * then stop working at a restart), their lifetime, the address links point at (this service's
     * own by default) and how long a case waits for the answer.
     */
    private SinkConfig.Customer customer(SinkConfig.Http http) {
        SinkConfig.Webhook gateway =
                signedEndpoint(
                        CUSTOMER_URL,
                        CUSTOMER_SECRET,
                        ENV_CUSTOMER_SECRET,
                        CUSTOMER_CONNECT_TIMEOUT,
                        CUSTOMER_REQUEST_TIMEOUT);
        String tokenSecretFromFile = string(CUSTOMER_TOKEN_SECRET, "");
        Duration ttl =
                duration(
                        CUSTOMER_TOKEN_TTL,
                        Duration.ofHours(24),
                        Duration.ofSeconds(1),
                        Duration.ofDays(30));
        Duration answerTimeout =
                duration(
                        CUSTOMER_ANSWER_TIMEOUT,
                        Duration.ofMinutes(15),
                        Duration.ZERO,
                        Duration.ofDays(7));
        String base = string(CUSTOMER_RESPOND_BASE_URL, "");
        if (gateway == null) {
            return null;
        }
        String tokenSecretFromEnv = env.get(ENV_RESPONSE_TOKEN_SECRET);
        String tokenSecret;
        if (tokenSecretFromEnv != null && !tokenSecretFromEnv.isEmpty()) {
            tokenSecret = checkSecret(ENV_RESPONSE_TOKEN_SECRET, tokenSecretFromEnv);
        } else if (!tokenSecretFromFile.isEmpty()) {
            tokenSecret = checkSecret(CUSTOMER_TOKEN_SECRET, tokenSecretFromFile);
        } else {
            tokenSecret = generateToken();
        }
        // none: this service's own address, once its port is known
        URI respondBase = base.isEmpty() ? null : httpUrl(CUSTOMER_RESPOND_BASE_URL, base);
        return new SinkConfig.Customer(gateway, tokenSecret, ttl, respondBase, answerTimeout);
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

    private SinkConfig.Webhook signedEndpoint(
            String urlKey,
            String secretKey,
            String secretEnv,
            String connectKey,
            String requestKey) {
        String url = string(urlKey, "");
        String secretFromFile = string(secretKey, "");
        Duration connect =
                duration(
                        connectKey,
                        Duration.ofSeconds(2),
                        Duration.ofMillis(1),
                        Duration.ofMinutes(5));
        Duration request =
                duration(
                        requestKey,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(1),
                        Duration.ofMinutes(5));
        if (url.isEmpty()) {
            return null;
        }
        URI uri = httpUrl(urlKey, url);
        String secretFromEnv = env.get(secretEnv);
        String secret;
        if (secretFromEnv != null && !secretFromEnv.isEmpty()) {
            secret = checkSecret(secretEnv, secretFromEnv);
        } else if (!secretFromFile.isEmpty()) {
            secret = checkSecret(secretKey, secretFromFile);
        } else {
            throw new ConfigException(
                    secretKey,
                    "required when "
                            + urlKey
                            + " is set (or the environment variable "
                            + secretEnv
                            + ")");
        }
        return new SinkConfig.Webhook(uri, secret, connect, request);
    }

    private JsonNode node(String key) {
        readKeys.add(key);
        String override = overrides.get(key);
        if (override != null) {
            return JsonNodeFactory.instance.textNode(override);
        }
        JsonNode node = root;
        String path = "";
        for (String part : key.split("\\.")) {
            if (!node.isObject()) {
                throw new ConfigException(
                        path, "must be a mapping of " + section(path) + ", was " + shape(node));
            }
            path = path.isEmpty() ? part : path + "." + part;
            node = node.get(part);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return node;
    }

    /** The keys a section holds, for a message: {@code port, host, token}. */
    private static String section(String path) {
        String prefix = path + ".";
        List<String> inside = new ArrayList<>();
        for (String key : KEYS) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                String child = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!inside.contains(child)) {
                    inside.add(child);
                }
            }
        }
        return String.join(", ", inside);
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

    /** The node of a single-valued key, or null; a list or mapping there is an error. */
    private JsonNode scalar(String key) {
        JsonNode node = node(key);
        if (node != null && !node.isValueNode()) {
            throw new ConfigException(key, "must be a single value, was " + shape(node));
        }
        return node;
    }

    private String string(String key, String defaultValue) {
        JsonNode node = scalar(key);
        return node == null ? defaultValue : node.asText().strip();
    }

    private int integer(String key, int defaultValue, int min, int max) {
        JsonNode node = scalar(key);
        if (node == null) {
            return defaultValue;
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().strip().matches("-?\\d{1,12}")) {
            value = Long.parseLong(node.asText().strip());
        } else {
            throw new ConfigException(key, "must be a whole number, was " + node);
        }
        if (value < min || value > max) {
            throw new ConfigException(key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return (int) value;
    }

    private double decimal(String key, double defaultValue, double min, double max) {
        JsonNode node = scalar(key);
        if (node == null) {
            return defaultValue;
        }
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
        } else {
            try {
                value = Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a number, was " + node);
            }
        }
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        JsonNode node = scalar(key);
        if (node == null) {
            return defaultValue;
        }
        Duration value = parseDuration(key, node.asText().strip());
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(
                    key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** Parses {@code 250ms}, {@code 30s}, {@code 5m} or {@code 1h}. */
    static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(
                    key, "must be a duration like 250ms, 30s, 5m or 1h, was \"" + text + "\"");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static <E extends Enum<E>> E enumValue(String key, JsonNode node, Class<E> type) {
        Map<String, E> values = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            values.put(value.name(), value);
        }
        E value =
                node.isTextual()
                        ? values.get(node.asText().strip().toUpperCase(Locale.ROOT))
                        : null;
        if (value == null) {
            throw new ConfigException(key, "must be one of " + values.keySet() + ", was " + node);
        }
        return value;
    }

    private void rejectUnknownKeys(JsonNode node, String prefix) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (readKeys.contains(key)) {
                continue;
            }
            boolean isSection = readKeys.stream().anyMatch(k -> k.startsWith(key + "."));
            if (!isSection) {
                throw new ConfigException(key, "unknown key");
            }
            rejectUnknownKeys(field.getValue(), key);
        }
    }
}
