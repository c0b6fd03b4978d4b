package io.fraudstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.testing.KubernetesManifests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The alert-sink's manifests of {@code deploy/kubernetes} against the alert-sink: its ConfigMap
 * loaded through {@link ConfigLoader} with the Deployment's arguments and Secrets, the ports, the
 * topics, the image's main class, and PostgreSQL's StatefulSet, Service and Secret.
 */
class AlertSinkManifestsTest {

    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final JsonNode pod =
            manifests.get("Deployment", "alert-sink").path("spec").path("template");
    private final JsonNode container = pod.path("spec").path("containers").get(0);

    @TempDir Path tmp;

    private static final String DEPLOYED_TOKEN = "0123456789abcdef0123456789abcdef";

    /**
     * The configuration the Deployment's container starts with: its arguments (parsed by the
     * alert-sink's own command line) and environment, Kubernetes' {@code $(VAR)} expanded, the
     * ConfigMap's file as mounted, then {@code overrides}.
     */
    static SinkConfig deployedConfig(
            KubernetesManifests manifests, Map<String, String> overrides, Path tmp)
            throws IOException {
        JsonNode pod = manifests.get("Deployment", "alert-sink").path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        Map<String, String> env = new HashMap<>(manifests.environment(container));
        // What an operator puts in the Secret: the shipped example value is refused (see below).
        env.put(ConfigLoader.ENV_API_TOKEN, DEPLOYED_TOKEN);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(KubernetesManifests.expand(a.asText(), env)));
        AlertSinkMain main = new AlertSinkMain();
        new CommandLine(main).parseArgs(args.toArray(String[]::new));
        // The options the Deployment may use, mapped as AlertSinkMain maps them.
        assertThat(args.stream().filter(a -> a.startsWith("--")).toList())
                .as("options of the Deployment's args")
                .isSubsetOf("--config", "--db");
        Path file = tmp.resolve("alert-sink.yaml");
        Files.writeString(
                file,
                manifests.mountedConfigMapFile(
                        pod.path("spec"), container, main.config.toString()));
        Map<String, String> settings = new HashMap<>();
        if (main.db != null) {
            settings.put(ConfigLoader.STORE_URL, main.db);
        }
        settings.putAll(overrides);
        return ConfigLoader.load(file, settings, env, tmp, false);
    }

    @Test
    void configMapLoadsThroughTheSinksLoaderWithTheDeploymentsArgumentsAndSecrets()
            throws IOException {
        SinkConfig config = deployedConfig(manifests, Map.of(), tmp);

        assertThat(config.http().token()).isEqualTo(DEPLOYED_TOKEN);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.kafka().bootstrapServers()).doesNotContain("127.0.0.1");
        URI db = URI.create(config.store().url().substring("jdbc:".length()));
        assertThat(db.getScheme()).isEqualTo("postgresql");
        // The database is the PostgreSQL of these manifests, through its Service.
        JsonNode postgres = manifests.get("Service", "postgres").path("spec");
        assertThat(db.getHost()).isEqualTo("postgres");
        assertThat(db.getPort()).isEqualTo(postgres.path("ports").get(0).path("port").asInt());
        assertThat(db.getPath())
                .isEqualTo("/" + manifests.secretValue("postgres-credentials", "POSTGRES_DB"));
        assertThat(db.getQuery())
                .isEqualTo(
                        "user=" + manifests.secretValue("postgres-credentials", "POSTGRES_USER"));
        // The password comes from the environment, never on the command line.
        assertThat(config.store().password())
                .isEqualTo(manifests.secretValue("postgres-credentials", "POSTGRES_PASSWORD"));
        assertThat(String.join(" ", args(manifests)))
                .doesNotContain(manifests.secretValue("postgres-credentials", "POSTGRES_PASSWORD"));
    }

    @Test
    void theShippedTokenPlaceholderIsRefusedSoAnUneditedSecretCannotStartTheService() {
        String shipped = manifests.secretValue("alert-sink-secrets", "api-token");

        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        null,
                                        Map.of(),
                                        Map.of(ConfigLoader.ENV_API_TOKEN, shipped),
                                        tmp,
                                        false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(ConfigLoader.ENV_API_TOKEN + ":");
    }

    private List<String> args(KubernetesManifests manifests) {
        Map<String, String> env = manifests.environment(container);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(KubernetesManifests.expand(a.asText(), env)));
        return args;
    }

    @Test
    void containerAndServicePortsAreTheConfiguredHttpPort() throws IOException {
        int port = deployedConfig(manifests, Map.of(), tmp).http().port();

        JsonNode http = namedPort(container, "http");
        assertThat(http.path("containerPort").asInt()).isEqualTo(port);
        JsonNode service = manifests.get("Service", "alert-sink").path("spec");
        assertThat(service.path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        JsonNode selector = manifests.get("Deployment", "alert-sink").path("spec").path("selector");
        assertThat(service.path("selector")).isEqualTo(selector.path("matchLabels"));
        selector.path("matchLabels")
                .fields()
                .forEachRemaining(
                        label ->
                                assertThat(pod.path("metadata").path("labels").path(label.getKey()))
                                        .as("pod label %s", label.getKey())
                                        .isEqualTo(label.getValue()));
    }

    @Test
    void probesAskTheHealthEndpointOnTheHttpPort() {
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(AlertSinkProbesITCase.HEALTH);
            assertThat(get.path("port").asText()).as(probe).isEqualTo("http");
        }
    }

    @Test
    void everyTopicTheSinkUsesIsAKafkaTopic() throws IOException {
        SinkConfig.Kafka kafka = deployedConfig(manifests, Map.of(), tmp).kafka();
        assertThat(manifests.topicNames())
                .contains(
                        kafka.alertsTopic(),
                        kafka.verdictsTopic(),
                        kafka.rulesTopic(),
                        kafka.rulesStatusTopic(),
                        kafka.ruleHitsTopic());
    }

    @Test
    void imageRunsTheSinksMainClass() {
        assertThat(KubernetesManifests.text("alert-sink.Dockerfile"))
                .containsPattern(
                        "(?m)^ENTRYPOINT \\[.*\"" + AlertSinkMain.class.getName() + "\"\\]$");
    }

    @Test
    void postgresKeepsItsDataOnAClaimAndIsInitialisedFromTheSharedSecret() {
        JsonNode set = manifests.get("StatefulSet", "postgres").path("spec");
        JsonNode postgres = set.path("template").path("spec").path("containers").get(0);

        assertThat(set.path("serviceName").asText()).isEqualTo("postgres");
        String claim =
                set.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        List<String> mounts = new ArrayList<>();
        postgres.path("volumeMounts").forEach(m -> mounts.add(m.path("name").asText()));
        assertThat(mounts).contains(claim);
        String secret = postgres.path("envFrom").get(0).path("secretRef").path("name").asText();
        assertThat(manifests.get("Secret", secret).path("stringData").has("POSTGRES_PASSWORD"))
                .isTrue();
        assertThat(manifests.get("Service", "postgres").path("spec").path("selector"))
                .isEqualTo(set.path("selector").path("matchLabels"));
        assertThat(namedPort(postgres, "postgres").path("containerPort").asInt()).isEqualTo(5432);
    }

    private static JsonNode namedPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no port named " + name);
    }
}
