package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.testing.KubernetesManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud job's manifests of {@code deploy/kubernetes} against the job: the FlinkDeployment (main
 * class, jar, arguments, Flink configuration), its ConfigMap loaded through the job's own loader,
 * the image's Dockerfile and the PodMonitor.
 */
class FlinkDeploymentManifestTest {

    /**
     * Fields of the operator's FlinkDeployment CRD (flink.apache.org/v1beta1), so a misspelt field
     * fails here instead of being pruned silently by the API server.
     */
    private static final Set<String> SPEC_FIELDS =
            Set.of(
                    "image",
                    "imagePullPolicy",
                    "flinkVersion",
                    "serviceAccount",
                    "mode",
                    "flinkConfiguration",
                    "logConfiguration",
                    "podTemplate",
                    "ingress",
                    "jobManager",
                    "taskManager",
                    "job",
                    "restartNonce");

    private static final Set<String> JOB_FIELDS =
            Set.of(
                    "jarURI",
                    "entryClass",
                    "args",
                    "parallelism",
                    "state",
                    "upgradeMode",
                    "allowNonRestoredState",
                    "initialSavepointPath",
                    "savepointTriggerNonce",
                    "checkpointTriggerNonce",
                    "savepointRedeployNonce",
                    "autoscalerResetNonce");

    private static final Set<String> RESOURCE_FIELDS = Set.of("cpu", "memory", "ephemeralStorage");

    private static final String FLINK_CONTAINER = "flink-main-container";

    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final JsonNode deployment = manifests.get("FlinkDeployment", "fraud-job");
    private final JsonNode spec = deployment.path("spec");

    @TempDir Path tmp;

    @Test
    void entryClassIsTheJobsMainClass() {
        assertThat(spec.path("job").path("entryClass").asText())
                .isEqualTo(FraudDetectionJob.class.getName());
    }

    @Test
    void jarUriIsWhereTheDockerfileCopiesTheShadedJar() throws IOException {
        String jarUri = spec.path("job").path("jarURI").asText();
        assertThat(jarUri).startsWith("local://");

        Matcher copy =
                Pattern.compile("(?m)^COPY --from=build (?:--chown=\\S+ )?(\\S+) (\\S+)$")
                        .matcher(KubernetesManifests.text("fraud-job.Dockerfile"));
        assertThat(copy.find()).as("a COPY of the job jar from the build stage").isTrue();
        assertThat(copy.group(2)).isEqualTo(jarUri.substring("local://".length()));
        // The build stage's jar is the module's shaded artifact, named by the pom's finalName.
        Matcher finalName =
                Pattern.compile("<finalName>([^<]+)</finalName>")
                        .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(finalName.find()).isTrue();
        assertThat(copy.group(1)).endsWith("/fraud-job/target/" + finalName.group(1) + ".jar");
    }

    @Test
    void imageAndS3PluginAreOfTheFlinkVersionTheJobIsBuiltAgainst() {
        String flink = EnvironmentInformation.getVersion();
        assertThat(KubernetesManifests.text("fraud-job.Dockerfile"))
                .containsPattern("(?m)^FROM flink:" + Pattern.quote(flink) + "-java17$");
        assertThat(flinkEnvironment().get("ENABLE_BUILT_IN_PLUGINS"))
                .isEqualTo("flink-s3-fs-hadoop-" + flink + ".jar");
        String major = flink.substring(0, flink.indexOf('.'));
        assertThat(spec.path("flinkVersion").asText()).matches("v" + major + "_\\d+");
    }

    @Test
    void specUsesOnlyFieldsOfTheCustomResource() {
        assertThat(fieldNames(spec)).isSubsetOf(SPEC_FIELDS);
        assertThat(fieldNames(spec.path("job"))).isSubsetOf(JOB_FIELDS);
        assertThat(fieldNames(spec.path("jobManager").path("resource")))
                .isSubsetOf(RESOURCE_FIELDS);
        assertThat(fieldNames(spec.path("taskManager").path("resource")))
                .isSubsetOf(RESOURCE_FIELDS);
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        // The CRD types flinkConfiguration as a map of strings: a bare number or boolean is
        // refused.
        spec.path("flinkConfiguration")
                .fields()
                .forEachRemaining(
                        e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
    }

    @Test
    void configMapLoadsThroughTheJobsLoaderWithTheDeploymentsArguments() throws IOException {
        FraudJobConfig config = JobConfigLoader.load(argsWithMountedConfig());

        assertThat(config.kafka().bootstrapServers()).doesNotContain("127.0.0.1");
        // The FlinkDeployment's parallelism is the one place the job's parallelism is set.
        assertThat(config.parallelism()).isZero();
        assertThat(spec.path("job").path("parallelism").asInt()).isPositive();
        // Empty: checkpoints go to the cluster's directory on S3.
        assertThat(config.checkpoints().dir()).isEmpty();
        assertThat(config.checkpoints().interval()).isPositive();
    }

    @Test
    void everyTopicTheJobUsesIsAKafkaTopic() throws IOException {
        FraudJobConfig.Kafka kafka = JobConfigLoader.load(argsWithMountedConfig()).kafka();
        assertThat(manifests.topicNames())
                .contains(
                        kafka.transactionsTopic(),
                        kafka.alertsTopic(),
                        kafka.deadLettersTopic(),
                        kafka.scoresTopic(),
                        kafka.verdictsTopic(),
                        kafka.rulesTopic(),
                        kafka.rulesStatusTopic(),
                        kafka.ruleHitsTopic());
        // Fewer partitions than source subtasks would leave subtasks idle.
        assertThat(
                        manifests
                                .get("KafkaTopic", kafka.transactionsTopic())
                                .path("spec")
                                .path("partitions")
                                .asInt())
                .isGreaterThanOrEqualTo(spec.path("job").path("parallelism").asInt());
    }

    @Test
    void restartStrategyOfTheClusterIsTheOneTheJobSets() throws IOException {
        Configuration job =
                FraudDetectionJob.environment(JobConfigLoader.load(argsWithMountedConfig()));
        Configuration cluster = flinkConfiguration();

        assertThat(cluster.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo(job.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertThat(
                        cluster.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(
                        job.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
        assertThat(
                        cluster.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(
                        job.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF));
    }

    @Test
    void checkpointsSavepointsAndHighAvailabilityAreOnS3() {
        Configuration cluster = flinkConfiguration();

        assertThat(cluster.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("s3://");
        // upgradeMode savepoint needs a savepoint directory to stop the job into.
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(cluster.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).startsWith("s3://");
        assertThat(cluster.get(HighAvailabilityOptions.HA_MODE)).isEqualTo("kubernetes");
        assertThat(cluster.get(HighAvailabilityOptions.HA_STORAGE_PATH)).startsWith("s3://");
        assertThat(flinkEnvironment()).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void taskManagerMemoryAddsUpWithTheHeapOfTheCostModel() {
        Configuration cluster = flinkConfiguration();
        JsonNode taskManager = spec.path("taskManager");
        cluster.set(
                TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                MemorySize.parse(taskManager.path("resource").path("memory").asText()));

        // Flink's own arithmetic: fails when the heap, managed memory, network, metaspace and
        // overhead do not fit the pod's memory.
        TaskExecutorProcessSpec process = TaskExecutorProcessUtils.processSpecFromConfig(cluster);

        assertThat(process.getTaskHeapSize()).isEqualTo(MemorySize.parse("2048m"));
        // 3 GiB of heap per million cards: the 3 TaskManagers' heap holds the stated 2,000,000.
        long cards = 2_000_000;
        assertThat(process.getTaskHeapSize().getBytes() * taskManager.path("replicas").asInt())
                .isGreaterThanOrEqualTo(cards * 3 * MemorySize.parse("1g").getBytes() / 1_000_000);
        // One slot on one core per 10,000 tx/s: as many cores as slots.
        assertThat(cluster.get(TaskManagerOptions.NUM_TASK_SLOTS))
                .isEqualTo(taskManager.path("resource").path("cpu").asInt());
    }

    @Test
    void prometheusReporterPortIsTheScrapedPort() {
        JsonNode conf = spec.path("flinkConfiguration");
        String port = conf.path("metrics.reporter.prom.port").asText();

        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(port).isEqualTo("9249");
        assertThat(
                        spec.path("podTemplate")
                                .path("metadata")
                                .path("annotations")
                                .path("prometheus.io/port")
                                .asText())
                .isEqualTo(port);
        JsonNode monitor = manifests.get("PodMonitor", "fraud-job");
        String portName =
                monitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
        Map<String, Integer> ports = new LinkedHashMap<>();
        flinkContainer()
                .path("ports")
                .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(ports).containsEntry(portName, Integer.parseInt(port));
        // The operator labels the pods of a FlinkDeployment with app: <its name>.
        assertThat(monitor.path("spec").path("selector").path("matchLabels").path("app").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText());
    }

    /** The deployment's job arguments, {@code --config} pointing at a copy of the mounted file. */
    private String[] argsWithMountedConfig() throws IOException {
        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(a -> args.add(a.asText()));
        int config = args.indexOf("--config");
        assertThat(config).as("--config among the job's args").isNotNegative();
        String mounted =
                manifests.mountedConfigMapFile(
                        spec.path("podTemplate").path("spec"),
                        flinkContainer(),
                        args.get(config + 1));
        Path copy = Files.writeString(tmp.resolve("fraud-job.yaml"), mounted);
        args.set(config + 1, copy.toString());
        return args.toArray(String[]::new);
    }

    private JsonNode flinkContainer() {
        for (JsonNode c : spec.path("podTemplate").path("spec").path("containers")) {
            if (c.path("name").asText().equals(FLINK_CONTAINER)) {
                return c;
            }
        }
        throw new AssertionError("the pod template has no " + FLINK_CONTAINER);
    }

    private Map<String, String> flinkEnvironment() {
        return manifests.environment(flinkContainer());
    }

    private Configuration flinkConfiguration() {
        Map<String, String> map = new LinkedHashMap<>();
        spec.path("flinkConfiguration")
                .fields()
                .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Configuration.fromMap(map);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
