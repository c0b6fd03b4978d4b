package io.fraudstream.sink;

import io.fraudstream.events.Alert;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The whole configuration of one alert-sink process, immutable and validated: built by {@link
 * ConfigLoader} from {@code conf/alert-sink.yaml}, the environment and command-line overrides.
 *
 * @param http the API and dashboard server
 * @param kafka where alerts come from and verdicts go to
 * @param store the database
 * @param notifications routing, rate limit, retries and channels
 * @param health when {@code /health} reports ingest down
 * @param cases how alerts group into cases
 */
public record SinkConfig(
        Http http,
        Kafka kafka,
        Store store,
        Notifications notifications,
        Health health,
        Cases cases) {

    /** With the default case window. */
    public SinkConfig(
            Http http, Kafka kafka, Store store, Notifications notifications, Health health) {
        this(http, kafka, store, notifications, health, new Cases(Duration.ofMinutes(30)));
    }

    /**
     * Cases.
     *
     * @param window an alert joins the unresolved case of its account whose alerts' transactions
     *     lie within this time of its own
     */
    public record Cases(Duration window) {}

    /**
     * The HTTP server.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param token the bootstrap admin key (any request may carry it instead of a named key), or
     *     {@code null} for none
     * @param tokenGenerated whether the token was generated at start (and so must be printed)
     */
    public record Http(String host, int port, String token, boolean tokenGenerated) {

        /** The same server on another port. */
        public Http withPort(int newPort) {
            return new Http(host, newPort, token, tokenGenerated);
        }

        @Override
        public String toString() {
            // Keeps the token out of logs and error messages.
            return "Http[host=" + host + ", port=" + port + "]";
        }
    }

    /**
     * The Kafka side.
     *
     * @param bootstrapServers the brokers
     * @param alertsTopic the topic alerts are consumed from
     * @param verdictsTopic the topic analyst verdicts are published to
     * @param groupId the consumer group, whose committed offsets say what is stored
     * @param maxPollRecords most records per poll, and so per database transaction
     * @param rulesTopic the job's rules, for the dashboard's rules view
     * @param rulesStatusTopic what the job made of each rule
     * @param ruleHitsTopic every rule hit, active and shadow
     * @param clientProperties Kafka client properties given to every client of the service (TLS,
     *     SASL), over its defaults
     */
    public record Kafka(
            String bootstrapServers,
            String alertsTopic,
            String verdictsTopic,
            String groupId,
            int maxPollRecords,
            String rulesTopic,
            String rulesStatusTopic,
            String ruleHitsTopic,
            Map<String, String> clientProperties) {

        public Kafka {
            clientProperties = Map.copyOf(clientProperties);
        }

        /** With the default rule topics and no client properties. */
        public Kafka(
                String bootstrapServers,
                String alertsTopic,
                String verdictsTopic,
                String groupId,
                int maxPollRecords) {
            this(
                    bootstrapServers,
                    alertsTopic,
                    verdictsTopic,
                    groupId,
                    maxPollRecords,
                    io.fraudstream.events.Topic.FRAUD_RULES.defaultName(),
                    io.fraudstream.events.Topic.FRAUD_RULES_STATUS.defaultName(),
                    io.fraudstream.events.Topic.FRAUD_RULE_HITS.defaultName(),
                    Map.of());
        }

        /**
         * A client's configuration: {@code defaults}, the client properties over them (so TLS and
         * SASL settings reach every client alike), then {@code fixed}, the settings the service's
         * guarantees rest on (deserializers, manual offset commits), which nothing overrides.
         */
        public Properties client(Map<String, Object> defaults, Map<String, Object> fixed) {
            Properties p = new Properties();
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.putAll(defaults);
            p.putAll(clientProperties);
            p.putAll(fixed);
            return p;
        }

        @Override
        public String toString() {
            // Client properties hold passwords (sasl.jaas.config, ssl.*.password): names only.
            return "Kafka[bootstrapServers="
                    + bootstrapServers
                    + ", alertsTopic="
                    + alertsTopic
                    + ", verdictsTopic="
                    + verdictsTopic
                    + ", groupId="
                    + groupId
                    + ", maxPollRecords="
                    + maxPollRecords
                    + ", rulesTopic="
                    + rulesTopic
                    + ", rulesStatusTopic="
                    + rulesStatusTopic
                    + ", ruleHitsTopic="
                    + ruleHitsTopic
                    + ", clientProperties="
                    + new TreeSet<>(clientProperties.keySet())
                    + "]";
        }
    }

    /**
     * The database.
     *
     * @param url the JDBC URL; a relative SQLite path is already resolved against the home
     * @param poolSize most open connections
     * @param password the database password from {@value ConfigLoader#ENV_DB_PASSWORD}, kept out of
     *     the URL (and so out of command lines and logs), or null
     */
    public record Store(String url, int poolSize, String password) {

        public Store(String url, int poolSize) {
            this(url, poolSize, null);
        }

        /** The URL as logs and messages may show it: no password, whether a parameter or not. */
        public String displayUrl() {
            return JDBC_PASSWORD
                    .matcher(JDBC_USER_INFO.matcher(url).replaceFirst("$1***@"))
                    .replaceAll("$1***");
        }

        @Override
        public String toString() {
            return "Store[url="
                    + displayUrl()
                    + ", poolSize="
                    + poolSize
                    + (password == null ? "" : ", password=***")
                    + "]";
        }
    }

    /** {@code password=...} in a JDBC URL's parameters, up to the next separator. */
    private static final Pattern JDBC_PASSWORD =
            Pattern.compile("(?i)((?:[?&;]|^)password=)[^&;]*");

    /** {@code //user:password@host} in a JDBC URL. */
    private static final Pattern JDBC_USER_INFO = Pattern.compile("(//[^/:@?]*:)[^/@?]*@");

    /**
     * Notifications: which alerts go to which channel, how often, and how hard to try.
     *
     * @param routes checked in order, the first that matches an alert decides its channels; an
     *     alert no route matches is not notified
     * @param rateLimit per-account limit on notified alerts
     * @param retry the retry policy of every channel
     * @param concurrency deliveries in flight at once
     * @param pollInterval how often the dispatcher looks for due retries when nothing woke it
     * @param webhook the webhook channel, or {@code null} when no URL is configured (routes to it
     *     are then ignored)
     * @param customer the customer channel, or {@code null} when no gateway URL is configured
     *     (routes to it are then ignored)
     */
    public record Notifications(
            List<Route> routes,
            RateLimit rateLimit,
            Retry retry,
            int concurrency,
            Duration pollInterval,
            Webhook webhook,
            Customer customer) {

        public Notifications {
            routes = List.copyOf(routes);
        }

        /** Without the customer channel. */
        public Notifications(
                List<Route> routes,
                RateLimit rateLimit,
                Retry retry,
                int concurrency,
                Duration pollInterval,
                Webhook webhook) {
            this(routes, rateLimit, retry, concurrency, pollInterval, webhook, null);
        }
    }

    /**
     * The customer channel: messages to the cardholder through a messaging gateway's HTTP API, each
     * with a link to answer "me" or "not me".
     *
     * @param gateway where messages are POSTed, signed like the webhook with its secret
     * @param tokenSecret the HMAC key of the response tokens
     * @param tokenTtl how long a response link works
     * @param respondBaseUrl the public address of this service that links point at ({@code
     *     <respondBaseUrl>/respond/<token>}), or {@code null} for the address it listens on
     * @param answerTimeout how long a case waits for the answer before it goes to the analysts'
     *     queue
     */
    public record Customer(
            Webhook gateway,
            String tokenSecret,
            Duration tokenTtl,
            URI respondBaseUrl,
            Duration answerTimeout) {

        @Override
        public String toString() {
            // Keeps the secrets out of logs and error messages.
            return "Customer[gateway="
                    + gateway
                    + ", tokenTtl="
                    + tokenTtl
                    + ", respondBaseUrl="
                    + respondBaseUrl
                    + ", answerTimeout="
                    + answerTimeout
                    + "]";
        }
    }

    /**
     * One routing rule.
     *
     * @param actions the actions it matches
     * @param minSeverity the lowest severity it matches
     * @param channels the channels a matching alert goes to, possibly none
     */
    public record Route(
            Set<Alert.Action> actions, Alert.Severity minSeverity, List<String> channels) {

        public Route {
            actions = Set.copyOf(actions);
            channels = List.copyOf(channels);
        }

        /** Whether this rule applies to the alert. */
        public boolean matches(Alert alert) {
            return actions.contains(alert.action()) && alert.severity().compareTo(minSeverity) >= 0;
        }
    }

    /**
     * At most {@code perAccount} alerts of one account are notified within any {@code window}; the
     * rest are recorded as suppressed. {@code perAccount} 0 means no limit.
     */
    public record RateLimit(int perAccount, Duration window) {}

    /**
     * Exponential backoff with jitter: attempt {@code n} fails, the next waits {@code
     * min(maxBackoff, initialBackoff * 2^(n-1))}, less up to {@code jitter} of it at random; after
     * {@code maxAttempts} attempts the notification is marked failed.
     */
    public record Retry(
            int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {}

    /**
     * The webhook channel.
     *
     * @param url where alerts are POSTed
     * @param secret the HMAC-SHA256 key of the signature header
     * @param connectTimeout the longest wait for a connection
     * @param requestTimeout the longest wait for the response
     */
    public record Webhook(
            URI url, String secret, Duration connectTimeout, Duration requestTimeout) {

        @Override
        public String toString() {
            // Keeps the secret out of logs and error messages.
            return "Webhook[url="
                    + url
                    + ", connectTimeout="
                    + connectTimeout
                    + ", requestTimeout="
                    + requestTimeout
                    + "]";
        }
    }

    /**
     * When ingest counts as down.
     *
     * @param brokerTimeout no broker has answered the consumer for this long
     * @param stallTimeout the ingest loop has not come round for this long
     */
    public record Health(Duration brokerTimeout, Duration stallTimeout) {}

    /** The same configuration with another HTTP port. */
    public SinkConfig withHttpPort(int port) {
        return new SinkConfig(http.withPort(port), kafka, store, notifications, health, cases);
    }
}
