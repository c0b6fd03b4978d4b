package io.fraudstream.sink;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Durations;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.ConfigTree;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the {@link SinkConfig}: the built-in defaults ({@code alert-sink-defaults.yaml} in the
 * jar, the one place they live), the file given with {@code --config} over them, the command-line
 * overrides keyed like the file ({@code http.port}) over that, bound into {@link SinkFile} by the
 * one configuration dialect of every program ({@link ConfigTree}: kebab-case keys, the duration and
 * size grammar of {@code conf/fraud-job.yaml}), then checked: ranges, URLs, secrets from the
 * environment ({@value #ENV_API_TOKEN}, {@value #ENV_WEBHOOK_SECRET}, {@value
 * #ENV_CUSTOMER_SECRET}, {@value #ENV_RESPONSE_TOKEN_SECRET}). An unknown key, a section of the
 * wrong shape, a wrong type or an out-of-range value is a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {

    /** Environment variable holding the API token; it wins over {@value #HTTP_TOKEN}. */
    public static final String ENV_API_TOKEN = "FRAUDSTREAM_API_TOKEN";

    /**
     * Environment variable holding the database password, so it need not be in {@value #STORE_URL}
     * (where a command line or a log line could show it).
     */
    public static final String ENV_DB_PASSWORD = "FRAUDSTREAM_DB_PASSWORD";

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
        ConfigTree tree = ConfigTree.defaults(ConfigLoader.class, DEFAULTS);
        if (file != null) {
            tree.merge(ConfigTree.read(file));
        }
        overrides.forEach(tree::override);
        return new ConfigLoader(env, home).build(tree.bind(SinkFile.class), generateToken);
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
        String dbPassword = env.get(ENV_DB_PASSWORD);
        SinkConfig.Store store =
                new SinkConfig.Store(
                        jdbcUrl(f.store().url().strip()),
                        range("store.pool-size", f.store().poolSize(), 2, 64),
                        dbPassword == null || dbPassword.isEmpty() ? null : dbPassword);
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
            // Not shown: a URL may carry a password.
            throw new ConfigException(STORE_URL, "must be a JDBC URL (jdbc:...)");
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
}
