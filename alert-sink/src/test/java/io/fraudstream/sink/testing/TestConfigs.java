package io.fraudstream.sink.testing;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.SinkConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** Configurations for tests: a free port, a database file, fast retries. */
public final class TestConfigs {

    /** The API token of test services. */
    public static final String TOKEN = "test-token-0123456789abcdef";

    /** The webhook secret of test services. */
    public static final String SECRET = "webhook-secret-0123456789";

    private TestConfigs() {}

    /** BLOCK to webhook and log, FLAG to log. */
    public static List<SinkConfig.Route> defaultRoutes() {
        return List.of(
                new SinkConfig.Route(
                        EnumSet.of(Alert.Action.BLOCK),
                        Alert.Severity.LOW,
                        List.of("webhook", "log")),
                new SinkConfig.Route(
                        EnumSet.of(Alert.Action.FLAG), Alert.Severity.LOW, List.of("log")));
    }

    /** Notifications with millisecond backoffs and no rate limit. */
    public static SinkConfig.Notifications notifications(URI webhook, int maxAttempts) {
        return new SinkConfig.Notifications(
                defaultRoutes(),
                new SinkConfig.RateLimit(0, Duration.ofMinutes(1)),
                new SinkConfig.Retry(
                        maxAttempts, Duration.ofMillis(50), Duration.ofMillis(400), 0.5),
                4,
                Duration.ofMillis(200),
                webhook == null
                        ? null
                        : new SinkConfig.Webhook(
                                webhook, SECRET, Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    /** A service on a free port against the broker, with a SQLite file in {@code dir}. */
    public static SinkConfig service(
            String bootstrapServers,
            String alertsTopic,
            String verdictsTopic,
            Path dir,
            URI webhook) {
        return service(
                bootstrapServers,
                alertsTopic,
                verdictsTopic,
                "jdbc:sqlite:" + dir.resolve("alerts.db"),
                webhook);
    }

    /** A service on a free port against the broker, with the database at this JDBC URL. */
    public static SinkConfig service(
            String bootstrapServers,
            String alertsTopic,
            String verdictsTopic,
            String databaseUrl,
            URI webhook) {
        return new SinkConfig(
                new SinkConfig.Http("127.0.0.1", 0, TOKEN, false),
                new SinkConfig.Kafka(
                        bootstrapServers, alertsTopic, verdictsTopic, "sink-" + alertsTopic, 500),
                new SinkConfig.Store(databaseUrl, 4),
                notifications(webhook, 4),
                new SinkConfig.Health(Duration.ofSeconds(15), Duration.ofMinutes(2)));
    }

    /** The same service with these routes and a customer channel (and no webhook). */
    public static SinkConfig withCustomer(
            SinkConfig base, List<SinkConfig.Route> routes, SinkConfig.Customer customer) {
        SinkConfig.Notifications n = base.notifications();
        return new SinkConfig(
                base.http(),
                base.kafka(),
                base.store(),
                new SinkConfig.Notifications(
                        routes,
                        n.rateLimit(),
                        n.retry(),
                        n.concurrency(),
                        n.pollInterval(),
                        null,
                        customer),
                base.health(),
                base.cases());
    }
}
