package io.fraudstream.sink;

import io.fraudstream.events.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code conf/alert-sink.yaml}, bound by Jackson with kebab-case keys ({@code
 * bootstrap-servers}): the settings as written, before {@link ConfigLoader} checks their ranges,
 * reads secrets from the environment and builds the {@link SinkConfig} the service runs on. Every
 * key has its default in the built-in alert-sink-defaults.yaml, so nothing here is optional.
 */
record SinkFile(
        Http http,
        Kafka kafka,
        Store store,
        Notifications notifications,
        Health health,
        Cases cases) {

    record Http(String host, int port, String token) {}

    record Kafka(
            String bootstrapServers,
            String alertsTopic,
            String verdictsTopic,
            String groupId,
            int maxPollRecords,
            String rulesTopic,
            String rulesStatusTopic,
            String ruleHitsTopic,
            Map<String, String> properties) {}

    record Store(String url, int poolSize) {}

    record Notifications(
            List<Route> routes,
            RateLimit rateLimit,
            Retry retry,
            int concurrency,
            Duration pollInterval,
            Endpoint webhook,
            Customer customer) {}

    /** A route; a missing action matches both, a missing minimum severity is LOW. */
    record Route(Alert.Action action, Alert.Severity minSeverity, List<String> channels) {}

    record RateLimit(int perAccount, Duration window) {}

    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {}

    /** A signed HTTP endpoint: the webhook. */
    record Endpoint(String url, String secret, Duration connectTimeout, Duration requestTimeout) {}

    record Customer(
            String url,
            String secret,
            String tokenSecret,
            Duration tokenTtl,
            String respondBaseUrl,
            Duration answerTimeout,
            Duration connectTimeout,
            Duration requestTimeout) {}

    record Health(Duration brokerTimeout, Duration stallTimeout) {}

    record Cases(Duration window) {}
}
