package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack end to end, as a user drives it: {@code stack up} starts a real Kafka broker and
 * a real Flink cluster as separate JVMs, a real client produces to and consumes from {@code
 * transactions}, Flink's REST API reports its TaskManager, and {@code stack down} leaves nothing
 * behind. Runs on free ports in a temporary state directory, so a stack a developer has running is
 * not disturbed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackITCase {

    @TempDir static Path var;

    private static StackCommand fraudstream;
    private static StackCommand.Ports ports;

    @BeforeAll
    static void freePorts() {
        fraudstream = new StackCommand(StackCommand.home(), var);
        ports = StackCommand.Ports.free();
    }

    @AfterAll
    static void stopWhateverIsLeft() {
        fraudstream.run(List.of("stack", "down"));
        fraudstream.processes().forEach(ProcessHandle::destroyForcibly);
    }

    private static List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(ports.options());
        return args;
    }

    @Test
    @Order(1)
    void upStartsKafkaAndFlinkAndCreatesTheTopics() throws Exception {
        StackCommand.Result up = fraudstream.run(args("stack", "up"));

        assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
        assertThat(up.stdout()).contains("kafka", "jobmanager", "taskmanager", "ready in");
        assertThat(fraudstream.processes()).hasSize(3);
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Topic topic : Topic.values()) {
                assertThat(topics).contains(topic.defaultName());
                assertThat(
                                admin.describeTopics(List.of(topic.defaultName()))
                                        .allTopicNames()
                                        .get(30, TimeUnit.SECONDS)
                                        .get(topic.defaultName())
                                        .partitions())
                        .hasSize(topic.defaultPartitions());
            }
        }
    }

    @Test
    @Order(2)
    void upTwiceReusesTheRunningProcesses() {
        List<Long> before =
                fraudstream.processes().stream().map(ProcessHandle::pid).sorted().toList();

        StackCommand.Result again = fraudstream.run(args("stack", "up"));

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).contains("already running").doesNotContain("started ");
        assertThat(fraudstream.processes().stream().map(ProcessHandle::pid).sorted().toList())
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void statusReportsEveryComponentHealthy() {
        StackCommand.Result status = fraudstream.run(List.of("stack", "status"));

        assertThat(status.exitCode()).as(status.stdout()).isZero();
        assertThat(status.stdout().lines().filter(l -> l.contains("healthy"))).hasSize(3);
    }

    @Test
    @Order(4)
    void aRecordProducedToTransactionsIsConsumedBack() {
        String key = "acct-" + UUID.randomUUID();
        String value =
                "{\"transactionId\":\"t-1\",\"accountId\":\""
                        + key
                        + "\",\"timestamp\":\"2026-11-26T17:30:04.123Z\",\"amount\":\"125.40\","
                        + "\"currency\":\"EUR\"}";
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.TRANSACTIONS.defaultName(), key, value));
            producer.flush();
        }

        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "stack-it-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.TRANSACTIONS.defaultName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.stream().noneMatch(r -> key.equals(r.key()))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }

        assertThat(read)
                .filteredOn(r -> key.equals(r.key()))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(value));
    }

    @Test
    @Order(5)
    void rulesAreValidatedPublishedListedShownAndDeleted() throws IOException {
        Path rules = Files.createDirectories(var.resolve("rules-in"));
        Files.writeString(
                rules.resolve("burst.json"),
                "{\"id\": \"terminal-burst\", \"version\": 3, \"groupBy\": [\"terminalId\"],"
                        + " \"aggregate\": {\"function\": \"COUNT\"}, \"window\": \"10 min\","
                        + " \"condition\": {\"op\": \">\", \"threshold\": 3}, \"score\": 0.7}");
        Path bad = var.resolve("bad.json");
        Files.writeString(
                bad,
                Files.readString(rules.resolve("burst.json"))
                        .replace("\"10 min\"", "\"banana\"")
                        .replace("terminal-burst", "other"));

        StackCommand.Result refused =
                fraudstream.run(args("rules", "apply", bad.toString(), rules.toString()));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr())
                .contains("bad.json: window: not a duration: \"banana\"", "nothing published");
        // the backtest runs in txgen, with the same validation
        StackCommand.Result backtest =
                fraudstream.run(
                        List.of(
                                "rules",
                                "test",
                                bad.toString(),
                                "--transactions",
                                bad.toString(),
                                "--labels",
                                bad.toString()));
        assertThat(backtest.exitCode()).isNotZero();
        assertThat(backtest.stdout() + backtest.stderr())
                .contains("bad.json: window: not a duration: \"banana\"");
        StackCommand.Result empty = fraudstream.run(args("rules", "list"));
        assertThat(empty.stdout()).as(empty.stderr()).contains("0 rules on fraud-rules");

        StackCommand.Result applied = fraudstream.run(args("rules", "apply", rules.toString()));
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        assertThat(applied.stdout()).contains("applied terminal-burst v3 (ACTIVE) to fraud-rules");
        StackCommand.Result listed = fraudstream.run(args("rules", "list"));
        assertThat(listed.stdout()).containsPattern("terminal-burst +3 ACTIVE +PENDING +0 +0");
        StackCommand.Result shown = fraudstream.run(args("rules", "show", "terminal-burst"));
        assertThat(shown.stdout()).contains("\"version\" : 3", "\"window\" : \"10 min\"");

        StackCommand.Result deleted = fraudstream.run(args("rules", "delete", "terminal-burst"));
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(fraudstream.run(args("rules", "list")).stdout()).contains("0 rules");
        assertThat(fraudstream.run(args("rules", "show", "terminal-burst")).exitCode()).isOne();
    }

    @Test
    @Order(5)
    void flinkOverviewListsOneTaskManagerWithTwoSlots() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(ports.restUrl() + "/overview"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        JsonNode overview = new ObjectMapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void downStopsEveryProcessItStarted() {
        StackCommand.Result down = fraudstream.run(List.of("stack", "down"));

        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertThat(down.stdout().lines().filter(l -> l.contains("stopped (pid"))).hasSize(3);
        assertThat(fraudstream.processes()).isEmpty();
        StackCommand.Result status = fraudstream.run(List.of("stack", "status"));
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.stdout().lines().filter(l -> l.contains("stopped"))).hasSize(3);
    }

    @Test
    @Order(7)
    void aBrokerThatCannotStartIsNamedWithItsLog() throws IOException {
        // Corrupt storage: the broker exits during start-up.
        Path meta = var.resolve("kafka/data/meta.properties");
        Files.writeString(
                meta,
                "version=1\ncluster.id=not-this-cluster\nnode.id=99\n",
                StandardCharsets.UTF_8);

        StackCommand.Result up = fraudstream.run(args("stack", "up", "--timeout", "60"));

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.stderr())
                .contains("fraudstream: kafka:", "exited during start-up", "kafka.log");
        assertThat(fraudstream.processes()).isEmpty();
    }

    private static String bootstrapServers() {
        return ports.bootstrapServers();
    }
}
