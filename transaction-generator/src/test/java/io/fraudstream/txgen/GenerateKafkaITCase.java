package io.fraudstream.txgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.testing.KafkaClusterExtension;
import io.fraudstream.txgen.replay.ReplaySamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} and {@code replay} against a real broker: Kafka receives exactly what the file
 * mode writes for the same seed, keyed by account, in per-account order, with labels on their own
 * topic.
 */
class GenerateKafkaITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final String[] STREAM = {
        "generate",
        "--seed",
        "7",
        "--count",
        "10000",
        "--accounts",
        "500",
        "--fraud-rate",
        "0.02",
        "--bad-rate",
        "0.01",
        "--out-of-order",
        "0.02",
        "--progress",
        "off"
    };

    @TempDir Path dir;

    @Test
    void kafkaReceivesExactlyWhatTheFileModeWritesKeyedByAccount() throws IOException {
        String topic = KAFKA.createTopic("tx", 3);
        String labelsTopic = KAFKA.createTopic("labels", 2);
        Path file = dir.resolve("tx.jsonl");
        Path labelsFile = dir.resolve("labels.jsonl");

        Txgen.Result toKafka =
                Txgen.run(
                        concat(
                                STREAM,
                                "--bootstrap-servers",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                topic,
                                "--labels-topic",
                                labelsTopic,
                                "--rate",
                                "max"));
        Txgen.Result toFile =
                Txgen.run(
                        concat(
                                STREAM,
                                "--out",
                                file.toString(),
                                "--labels",
                                labelsFile.toString()));

        assertThat(toKafka.exitCode()).as(toKafka.err()).isZero();
        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll(topic, false);
        List<String> lines = Files.readAllLines(file);
        assertThat(records).hasSize(10000);

        // The same records, each partition holding the file's records of its keys in file order.
        Map<String, String> keyOfValue = new HashMap<>();
        Map<Integer, List<String>> kafkaPartitions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            String value = new String(r.value(), StandardCharsets.UTF_8);
            keyOfValue.put(value, key);
            kafkaPartitions.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(value);
            Transaction tx = decodeOrNull(r.value());
            if (tx != null) {
                assertThat(key).isEqualTo(tx.accountId());
            }
        }
        assertThat(keyOfValue).as("every record is distinct").hasSize(10000);
        Map<Integer, List<String>> filePartitions = new HashMap<>();
        for (String line : lines) {
            String key = keyOfValue.get(line);
            assertThat(key).as("sent to Kafka: %s", line).isNotNull();
            int partition =
                    Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
            filePartitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(line);
        }
        assertThat(kafkaPartitions).isEqualTo(filePartitions);

        List<ConsumerRecord<byte[], byte[]>> labelRecords = KAFKA.readAll(labelsTopic, false);
        List<GroundTruth> fileLabels =
                Files.readAllLines(labelsFile).stream()
                        .map(
                                l ->
                                        GroundTruthCodec.INSTANCE.decode(
                                                l.getBytes(StandardCharsets.UTF_8)))
                        .toList();
        assertThat(labelRecords).hasSameSizeAs(fileLabels).isNotEmpty();
        List<GroundTruth> kafkaLabels = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : labelRecords) {
            GroundTruth label = GroundTruthCodec.INSTANCE.decode(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(label.accountId());
            assertThat(label.producedAt()).as("wall clock at send").isNotNull();
            kafkaLabels.add(label.producedAt(null));
        }
        assertThat(kafkaLabels).containsExactlyInAnyOrderElementsOf(fileLabels);
    }

    @Test
    void replayLoadsTransactionsLabelsAndChargebacksIntoTopics() throws IOException {
        String topic = KAFKA.createTopic("replay", 4);
        String labelsTopic = KAFKA.createTopic("replay-labels", 1);
        String verdictsTopic = KAFKA.createTopic("verdicts", 2);
        Path sample = ReplaySamples.path("handbook-sample.csv.gz");

        Txgen.Result result =
                Txgen.run(
                        "replay",
                        sample.toString(),
                        "--progress",
                        "off",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--labels-topic",
                        labelsTopic,
                        "--verdicts-delay",
                        "7d",
                        "--verdicts-topic",
                        verdictsTopic);
        Txgen.Result toFile =
                Txgen.run(
                        "replay",
                        sample.toString(),
                        "--progress",
                        "off",
                        "--out",
                        dir.resolve("tx.jsonl").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Set<String> values =
                KAFKA.readAll(topic, false).stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());
        assertThat(values)
                .hasSize(204)
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(dir.resolve("tx.jsonl")));
        assertThat(toFile.exitCode()).isZero();
        assertThat(KAFKA.readAll(labelsTopic, false)).hasSize(24);
        List<ConsumerRecord<byte[], byte[]>> verdicts = KAFKA.readAll(verdictsTopic, false);
        assertThat(verdicts).hasSize(24);
        for (ConsumerRecord<byte[], byte[]> r : verdicts) {
            Verdict v = VerdictCodec.INSTANCE.decode(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(v.accountId());
            assertThat(v.source()).isEqualTo(Verdict.Source.CHARGEBACK);
            assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
            assertThat(v.terminalId()).isNotNull();
        }
    }

    @Test
    void aMissingTopicFailsUnlessAskedToCreateIt() {
        String topic = "created-" + System.nanoTime();
        String[] args = {
            "generate",
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--topic",
            topic,
            "--count",
            "100",
            "--rate",
            "max",
            "--progress",
            "off",
            "--accounts",
            "100"
        };

        Txgen.Result refused = Txgen.run(args);
        Txgen.Result created = Txgen.run(concat(args, "--create-topic", "--partitions", "2"));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("topic " + topic + " does not exist")
                .contains("--create-topic");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(KAFKA.readAll(topic, false)).hasSize(100);
    }

    private static Transaction decodeOrNull(byte[] value) {
        try {
            return TransactionCodec.INSTANCE.decode(value);
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
