package io.fraudstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Topic;
import io.fraudstream.testing.KafkaClusterExtension;
import io.fraudstream.testing.KubernetesManifests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes of {@code deploy/kubernetes/alert-sink-deployment.yaml} against a running alert-sink
 * started with the deployed configuration: each probe's path answers without a token (the kubelet
 * sends none) and says UP once the broker and the database answer.
 */
class AlertSinkProbesITCase {

    static final String HEALTH = "/health";

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void everyProbePathAnswersUpWithoutAToken() throws Exception {
        KubernetesManifests manifests = KubernetesManifests.load();
        for (Topic topic : Topic.values()) {
            KAFKA.createTopic(topic.defaultName(), 1, topic.topicConfig());
        }
        // The deployed configuration, but on a free local port, the test broker and a SQLite file
        // in place of the cluster's PostgreSQL.
        SinkConfig config =
                AlertSinkManifestsTest.deployedConfig(
                        manifests,
                        Map.of(
                                ConfigLoader.HTTP_HOST,
                                "127.0.0.1",
                                ConfigLoader.HTTP_PORT,
                                "0",
                                ConfigLoader.KAFKA_BOOTSTRAP_SERVERS,
                                KAFKA.bootstrapServers(),
                                ConfigLoader.STORE_URL,
                                "jdbc:sqlite:" + tmp.resolve("alerts.db")),
                        tmp);
        JsonNode container =
                manifests
                        .get("Deployment", "alert-sink")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0);
        Set<String> paths = new LinkedHashSet<>();
        for (String probe : new String[] {"startupProbe", "readinessProbe", "livenessProbe"}) {
            paths.add(container.path(probe).path("httpGet").path("path").asText());
        }

        try (AlertSinkService service = AlertSinkService.start(config)) {
            for (String path : paths) {
                HttpRequest get =
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + service.port() + path))
                                .timeout(Duration.ofSeconds(5))
                                .build();
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () -> {
                                    HttpResponse<String> response =
                                            HTTP.send(get, HttpResponse.BodyHandlers.ofString());
                                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                                    assertThat(
                                                    JSON.readTree(response.body())
                                                            .path("status")
                                                            .asText())
                                            .isEqualTo("UP");
                                });
            }
        }
    }
}
