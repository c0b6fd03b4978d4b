package io.fraudstream.sink.ingest;

import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} tells the truth: 503 while no broker answers (the finding: it said UP with no
 * broker at all), 503 while the ingest loop is stuck, 200 only while alerts can flow.
 */
class HealthITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SinkConfig.Health QUICK =
            new SinkConfig.Health(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir Path dir;

    @Test
    void withoutABrokerHealthIs503NoBroker() throws Exception {
        String nobody;
        try (ServerSocket closed = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + closed.getLocalPort();
        }
        SinkConfig config = quick(TestConfigs.service(nobody, "alerts", "verdicts", dir, null));

        try (AlertSinkService service = AlertSinkService.start(config)) {
            assertThat(health(service).path("ingest").asText()).isIn("CONNECTING", "NO_BROKER");
            assertThat(status(service)).isEqualTo(503);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> health(service).path("ingest").asText().equals("NO_BROKER"));
            assertThat(status(service)).isEqualTo(503);
            assertThat(health(service).path("status").asText()).isEqualTo("DOWN");
            assertThat(health(service).path("brokerSilentSeconds").asLong())
                    .isGreaterThanOrEqualTo(1);
            assertThat(service.awaitBrokerContact(Duration.ofMillis(10))).isFalse();
        }
    }

    @Test
    void withABrokerHealthIs200Running() throws Exception {
        SinkConfig config =
                quick(
                        TestConfigs.service(
                                KAFKA.bootstrapServers(),
                                KAFKA.createTopic("alerts", 1),
                                KAFKA.createTopic("verdicts", 1),
                                dir,
                                null));

        try (AlertSinkService service = AlertSinkService.start(config)) {
            assertThat(service.awaitBrokerContact(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(service) == 200);
            // Idle, with nothing to read, for well over the broker timeout: empty fetches still
            // come back from the broker, so it stays up.
            await().during(Duration.ofMillis(2500))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> health(service).path("ingest").asText().equals("RUNNING"));
        }
    }

    @Test
    void aStuckIngestLoopIs503Stalled() throws Exception {
        String topic = KAFKA.createTopic("alerts", 1);
        KAFKA.produce(List.of(record(topic, alert("a-1", "acct-1"))));
        CountDownLatch release = new CountDownLatch(1);
        IngestHook stuck =
                (batch, result) -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
        SinkConfig config =
                quick(
                        TestConfigs.service(
                                KAFKA.bootstrapServers(),
                                topic,
                                KAFKA.createTopic("verdicts", 1),
                                dir,
                                null));

        try (AlertSinkService service = AlertSinkService.start(config, stuck, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> health(service).path("ingest").asText().equals("STALLED"));
            assertThat(status(service)).isEqualTo(503);

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(service) == 200);
        }
    }

    private static SinkConfig quick(SinkConfig config) {
        return new SinkConfig(
                config.http(), config.kafka(), config.store(), config.notifications(), QUICK);
    }

    private static int status(AlertSinkService service) throws Exception {
        return get(service).statusCode();
    }

    private static JsonNode health(AlertSinkService service) throws Exception {
        return JSON.readTree(get(service).body());
    }

    private static HttpResponse<String> get(AlertSinkService service) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
