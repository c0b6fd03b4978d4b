package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.events.Topic;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar submitted through Flink's CLI front end ({@code bin/fraudstream submit}, what
 * {@code flink run} executes) to the real standalone cluster of {@code stack up} with the handbook
 * model: it runs, every transaction of a burst is scored once on {@code transaction-scores} by that
 * model, the burst yields a velocity alert on {@code fraud-alerts}, and bad JSON lands in {@code
 * transactions-dlq}.
 */
class JobOnLocalStackITCase {

    @TempDir static Path var;

    private static StackCommand fraudstream;
    private static StackCommand.Ports ports;

    @BeforeAll
    static void stackUp() {
        fraudstream = new StackCommand(StackCommand.home(), var);
        ports = StackCommand.Ports.free();
        List<String> up = new ArrayList<>(List.of("stack", "up"));
        up.addAll(ports.options());
        StackCommand.Result result = fraudstream.run(up);
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    }

    @AfterAll
    static void stackDown() {
        fraudstream.run(List.of("stack", "down"));
        fraudstream.processes().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void submittedJarRunsAndTurnsABurstIntoAVelocityAlertAndBadJsonIntoADeadLetter()
            throws Exception {
        String handbook = StackCommand.home().resolve("conf/models/handbook.json").toString();
        StackCommand.Result submit = fraudstream.run(List.of("submit", "--model.path", handbook));
        assertThat(submit.exitCode()).as(submit.stdout() + submit.stderr()).isZero();
        Matcher id =
                Pattern.compile("submitted the fraud job: ([0-9a-f]{32})").matcher(submit.stdout());
        assertThat(id.find()).as(submit.stdout()).isTrue();
        assertThat(submit.stdout()).contains(ports.restUrl() + "/#/job/running/" + id.group(1));
        awaitJobState(id.group(1), "RUNNING");

        String account = "acct-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < 6; i++) {
                producer.send(
                        new ProducerRecord<>(
                                Topic.TRANSACTIONS.defaultName(),
                                account,
                                "{\"transactionId\":\""
                                        + account
                                        + "-"
                                        + i
                                        + "\",\"accountId\":\""
                                        + account
                                        + "\",\"timestamp\":\""
                                        + now.plusSeconds(i)
                                        + "\",\"amount\":\"9.99\",\"currency\":\"EUR\"}"));
            }
            producer.send(
                    new ProducerRecord<>(Topic.TRANSACTIONS.defaultName(), account, "{bad json"));
            producer.flush();
        }

        ConsumerRecord<byte[], byte[]> alertRecord =
                firstRecordFor(Topic.FRAUD_ALERTS.defaultName(), account);
        Alert alert = AlertCodec.INSTANCE.decode(alertRecord.value());
        assertThat(alert.transactionId()).isEqualTo(account + "-5");
        assertThat(alert.reasons()).extracting(Alert.Reason::detector).startsWith("velocity");

        // every transaction scored once, by the model read at submission and shipped in the job
        List<TransactionScore> scores =
                recordsFor(Topic.TRANSACTION_SCORES.defaultName(), account, 6).stream()
                        .map(r -> TransactionScoreCodec.INSTANCE.decode(r.value()))
                        .toList();
        assertThat(scores)
                .extracting(TransactionScore::transactionId)
                .containsExactlyInAnyOrder(
                        account + "-0",
                        account + "-1",
                        account + "-2",
                        account + "-3",
                        account + "-4",
                        account + "-5");
        assertThat(scores).extracting(TransactionScore::modelVersion).containsOnly("handbook-v2");
        assertThat(scores)
                .filteredOn(s -> s.transactionId().equals(account + "-5"))
                .extracting(TransactionScore::decision)
                .doesNotContain(TransactionScore.Decision.APPROVE);

        DeadLetter letter =
                DeadLetterCodec.INSTANCE.decode(
                        firstRecordFor(Topic.TRANSACTIONS_DLQ.defaultName(), account).value());
        assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo("{bad json");
        assertThat(letter.reason()).startsWith("payload: malformed JSON");
    }

    /**
     * The finding: a bad option printed a 9-frame ClassNotFoundException of Flink's YARN command
     * line before the message, and a negative duration was reported as a missing value.
     */
    @Test
    void aBadJobOptionIsOneClearLineAndExit2() {
        StackCommand.Result negative =
                fraudstream.run(List.of("submit", "--checkpoints.interval", "-1s"));
        StackCommand.Result unknown =
                fraudstream.run(List.of("submit", "--detectors.velocity.max", "3"));

        assertThat(negative.exitCode()).as(negative.stderr()).isEqualTo(2);
        assertThat(negative.stderr().strip())
                .isEqualTo(
                        "fraudstream: submit: invalid job option: checkpoints.interval: must be"
                                + " between 0 ms and 1 h, was -1s (negative) (every option, with"
                                + " its default: conf/fraud-job.yaml)");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr())
                .contains("unknown option detectors.velocity.max")
                .doesNotContain("Exception", "\tat ", "FlinkYarnSessionCli");
    }

    private static void awaitJobState(String jobId, String state) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            HttpResponse<String> response =
                                    http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    ports.restUrl()
                                                                            + "/jobs/"
                                                                            + jobId))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            JsonNode job = new ObjectMapper().readTree(response.body());
                            return job.path("state").asText();
                        },
                        state::equals);
    }

    private static ConsumerRecord<byte[], byte[]> firstRecordFor(String topic, String key) {
        return recordsFor(topic, key, 1).get(0);
    }

    /** The first {@code n} records with the key, waiting up to 60 s for them. */
    private static List<ConsumerRecord<byte[], byte[]>> recordsFor(
            String topic, String key, int n) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                ports.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "e2e-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null
                            && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                        if (found.size() == n) {
                            return found;
                        }
                    }
                }
            }
        }
        throw new AssertionError(
                found.size()
                        + " of "
                        + n
                        + " records for "
                        + key
                        + " on "
                        + topic
                        + " within 60 s");
    }
}
