package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.Topic;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every program against a broker that requires TLS and SASL/SCRAM, configured only through its
 * client-property pass-through, with the password and the trust store's password read from a
 * secrets file by Kafka's {@code FileConfigProvider}: the launcher's topic creation runs over an
 * authenticated admin client and {@code bin/fraudstream rules} publishes and lists a rule with
 * {@code -X}, txgen produces transactions and chargeback verdicts, the job (in a MiniCluster)
 * scores them and writes alerts, and the alert-sink stores the alerts. That the broker refuses a
 * client with a wrong password is {@code SaslSslKafkaClusterTest}'s.
 */
class SecuredKafkaITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.saslSsl();

    private static final String TOKEN = "secured-itcase-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRANSACTIONS = 3000;

    @TempDir static Path var;

    private static final List<Process> started = new ArrayList<>();

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void txgenTheJobAndTheAlertSinkWorkOverSaslSslWithScram() throws Exception {
        StackLayout layout = new StackLayout(StackCommand.home(), var);
        Files.createDirectories(layout.logDir());
        Map<String, String> client = clientProperties(writeSecrets());

        // The launcher's topic creation, through an authenticated admin client.
        try (Admin admin = Admin.create(adminConfig(client))) {
            assertThat(KafkaBroker.createTopics(admin)).hasSize(Topic.values().length);
        }

        List<String> txgen =
                new ArrayList<>(
                        List.of(
                                "generate",
                                "--bootstrap-servers",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                Topic.TRANSACTIONS.defaultName(),
                                "--count",
                                Integer.toString(TRANSACTIONS),
                                "--accounts",
                                "60",
                                "--fraud-rate",
                                "0.05",
                                "--seed",
                                "14",
                                "--rate",
                                "max",
                                // In the past, so the job's max-ahead check passes every one.
                                "--start",
                                "2025-06-01T00:00:00Z",
                                "--verdicts-delay",
                                "1d",
                                "--verdicts-topic",
                                Topic.FRAUD_VERDICTS.defaultName()));
        client.forEach((k, v) -> txgen.addAll(List.of("--producer-property", k + "=" + v)));
        Process generator =
                ModuleJvm.TXGEN
                        .withJvmOptions("-Xmx256m", "-XX:+UseSerialGC")
                        .start(layout, "txgen", txgen, "secured-txgen.log", Map.of());
        started.add(generator);

        List<String> job =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                KAFKA.bootstrapServers(),
                                "--kafka.starting-offsets",
                                "earliest",
                                "--rules.dir",
                                layout.conf().resolve("rules").toString(),
                                "--checkpoints.dir",
                                var.resolve("checkpoints").toUri().toString()));
        client.forEach((k, v) -> job.addAll(List.of("--kafka.properties." + k, v)));
        Process fraudJob =
                new FlinkJobs(layout, new FlinkCluster(layout, StackPorts.DEFAULTS))
                        .local(job)
                        .redirectErrorStream(true)
                        .redirectOutput(layout.log("secured-job.log").toFile())
                        .start();
        started.add(fraudJob);

        int sinkPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            sinkPort = socket.getLocalPort();
        }
        Process alertSink =
                ModuleJvm.ALERT_SINK
                        .withJvmOptions("-Xmx256m", "-XX:+UseSerialGC")
                        .start(
                                layout,
                                "alert-sink",
                                List.of(
                                        "--config",
                                        alertSinkConfig(client).toString(),
                                        "--port",
                                        Integer.toString(sinkPort),
                                        "--db",
                                        "jdbc:sqlite:" + var.resolve("secured-alerts.db")),
                                "secured-alert-sink.log",
                                Map.of("FRAUDSTREAM_API_TOKEN", TOKEN));
        started.add(alertSink);

        assertThat(generator.waitFor(60, TimeUnit.SECONDS))
                .as(log(layout, "secured-txgen.log"))
                .isTrue();
        assertThat(generator.exitValue()).as(log(layout, "secured-txgen.log")).isZero();
        assertThat(KAFKA.readAll(Topic.TRANSACTIONS.defaultName(), false)).hasSize(TRANSACTIONS);
        assertThat(KAFKA.readAll(Topic.FRAUD_VERDICTS.defaultName(), false)).isNotEmpty();

        // The job scores every transaction and raises alerts; the alert-sink stores them. Three
        // JVMs start at once here: on a busy two-core machine the job's MiniCluster alone can take
        // half a minute before its first record.
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(
                        () -> {
                            assertThat(fraudJob.isAlive())
                                    .as(log(layout, "secured-job.log"))
                                    .isTrue();
                            assertThat(alertSink.isAlive())
                                    .as(log(layout, "secured-alert-sink.log"))
                                    .isTrue();
                            assertThat(storedAlertIds(sinkPort)).isNotEmpty();
                        });
        assertThat(KAFKA.readAll(Topic.TRANSACTION_SCORES.defaultName(), false)).isNotEmpty();
        // Stored first, the topic read after: the job keeps raising alerts meanwhile.
        List<String> stored = storedAlertIds(sinkPort);
        Set<String> onTopic =
                KAFKA.readAll(Topic.FRAUD_ALERTS.defaultName(), false).stream()
                        .map(r -> AlertCodec.INSTANCE.decode(r.value()).alertId())
                        .collect(Collectors.toSet());
        assertThat(onTopic).containsAll(stored);

        // The launcher's rules command, with the same properties as -X.
        StackCommand fraudstream = new StackCommand(StackCommand.home(), var);
        List<String> secured =
                new ArrayList<>(List.of("--bootstrap-servers", KAFKA.bootstrapServers()));
        client.forEach((k, v) -> secured.addAll(List.of("-X", k + "=" + v)));
        List<String> apply =
                new ArrayList<>(
                        List.of(
                                "rules",
                                "apply",
                                layout.conf().resolve("rules/account-spend.json").toString()));
        apply.addAll(secured);
        StackCommand.Result applied = fraudstream.run(apply);
        assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
        List<String> list = new ArrayList<>(List.of("rules", "list"));
        list.addAll(secured);
        StackCommand.Result listed = fraudstream.run(list);
        assertThat(listed.exitCode()).as(listed.stdout() + listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("account-spend");
    }

    /** The secrets, in a file only this user reads, as a deployment would mount them. */
    private static Path writeSecrets() throws IOException {
        Path secrets = var.resolve("kafka-secrets.properties");
        Files.writeString(
                secrets,
                "password="
                        + KAFKA.clientPassword()
                        + "\ntruststore-password="
                        + KAFKA.certificates().password()
                        + "\n");
        return secrets;
    }

    /**
     * What docs/SECURITY.md tells each program: SASL_SSL with SCRAM, the trust store, and the
     * secrets as {@code ${file:...}} references resolved by the client itself.
     */
    private static Map<String, String> clientProperties(Path secrets) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", KafkaClusterExtension.SCRAM_MECHANISM);
        p.put("sasl.jaas.config", jaas("${file:" + secrets + ":password}"));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", KAFKA.certificates().trustStore().toString());
        p.put("ssl.truststore.password", "${file:" + secrets + ":truststore-password}");
        p.put("config.providers", "file");
        p.put(
                "config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider");
        return p;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + KafkaClusterExtension.CLIENT_USER
                + "\" password=\""
                + password
                + "\";";
    }

    private static Map<String, Object> adminConfig(Map<String, String> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return config;
    }

    private static Path alertSinkConfig(Map<String, String> client) throws IOException {
        StringBuilder yaml =
                new StringBuilder("kafka:\n  bootstrap-servers: ")
                        .append(KAFKA.bootstrapServers())
                        .append("\n  properties:\n");
        client.forEach(
                (k, v) ->
                        yaml.append("    ")
                                .append(k)
                                .append(": '")
                                .append(v.replace("'", "''"))
                                .append("'\n"));
        Path file = var.resolve("secured-alert-sink.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static List<String> storedAlertIds(int port) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/api/alerts?limit=500"))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode alert : JSON.readTree(response.body()).path("items")) {
            ids.add(alert.path("alertId").asText());
        }
        return ids;
    }

    private static String log(StackLayout layout, String name) {
        try {
            Path file = layout.log(name);
            return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
        } catch (IOException e) {
            return "(cannot read " + name + ": " + e.getMessage() + ")";
        }
    }
}
