package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.testing.KafkaClusterExtension;
import io.fraudstream.txgen.TxgenCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreFromTopicsITCase extends ScoringTestBase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final List<Alert> ALERTS =
            Stream.concat(TransactionMetricsTest.ALERTS.stream(), CardPrecisionTest.ALERTS.stream())
                    .toList();

    static final List<GroundTruth> LABELS =
            Stream.concat(TransactionMetricsTest.LABELS.stream(), CardPrecisionTest.LABELS.stream())
                    .toList();

    @TempDir Path dir;

    final StringWriter err = new StringWriter();

    @Test
    void scoringFromTopicsEqualsScoringFromFiles() throws IOException {
        String alertTopic = KAFKA.createTopic("alerts", 3);
        String labelTopic = KAFKA.createTopic("labels", 2);
        KAFKA.produce(alertRecords(alertTopic, ALERTS, null));
        KAFKA.produce(labelRecords(labelTopic, LABELS));
        Path alertFile = writeAlerts(dir.resolve("alerts.jsonl"), ALERTS);
        Path labelFile = writeLabels(dir.resolve("labels.jsonl"), LABELS);

        JsonNode fromFiles =
                score(
                        "--alerts",
                        alertFile.toString(),
                        "--labels",
                        labelFile.toString(),
                        "--k",
                        "2",
                        "--received-at",
                        "detected-at");
        JsonNode fromTopics =
                score(
                        "--alerts-topic",
                        alertTopic,
                        "--labels-topic",
                        labelTopic,
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--k",
                        "2",
                        "--received-at",
                        "detected-at");

        assertThat(fromTopics.at("/alerts/source").asText()).isEqualTo("topic " + alertTopic);
        assertThat(fromTopics.at("/alerts/records").asLong()).isEqualTo(ALERTS.size());
        assertThat(fromTopics.at("/labels/records").asLong()).isEqualTo(LABELS.size());
        assertThat(fromTopics.at("/latency/recordTimestampTypes/CreateTime").asLong())
                .isEqualTo(ALERTS.size());
        ((ObjectNode) fromTopics.get("latency")).remove("recordTimestampTypes");
        ((ObjectNode) fromFiles.get("latency")).remove("recordTimestampTypes");
        assertThat(withoutSources(fromTopics)).isEqualTo(withoutSources(fromFiles));
        // t1, t3 of TransactionMetricsTest; ta1, ta3, tc2, tc3 of CardPrecisionTest
        assertThat(fromTopics.at("/transactions/tp").asLong()).isEqualTo(6);
        assertThat(fromTopics.at("/cardPrecision/days/1/cardPrecision").asDouble()).isEqualTo(0.0);
    }

    @Test
    void recordTimestampsMeasureEndToEndLatencyFromTheFirstCopy() throws IOException {
        Instant produced = Instant.parse("2026-03-05T09:00:00Z");
        Alert alert = alert("a1", "acct-A", "t1", DAY_1, produced.plusMillis(100), 0.9);
        String alertTopic = KAFKA.createTopic("alerts", 1);
        String labelTopic = KAFKA.createTopic("labels", 1);
        List<ProducerRecord<byte[], byte[]>> copies = new ArrayList<>();
        copies.addAll(alertRecords(alertTopic, List.of(alert), produced.plusMillis(300)));
        copies.addAll(alertRecords(alertTopic, List.of(alert), produced.plusMillis(250)));
        KAFKA.produce(copies);
        KAFKA.produce(
                labelRecords(
                        labelTopic,
                        List.of(
                                fraud("t1", "acct-A", DAY_1, "card-testing")
                                        .producedAt(produced))));

        JsonNode json =
                score(
                        "--alerts-topic", alertTopic,
                        "--labels-topic", labelTopic,
                        "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(json.at("/alerts/duplicates").asLong()).isEqualTo(1);
        assertThat(json.at("/latency/available").asBoolean()).isTrue();
        assertThat(json.at("/latency/clock").asText()).isEqualTo("record-timestamp");
        assertThat(json.at("/latency/recordTimestampTypes/CreateTime").asLong()).isEqualTo(2);
        assertThat(json.at("/latency/count").asLong()).isEqualTo(1);
        assertThat(json.at("/latency/p50Ms").asDouble()).isEqualTo(250.0);
        assertThat(json.at("/latency/maxMs").asDouble()).isEqualTo(250.0);
    }

    @Test
    void readsCommittedAlertsOnly() throws IOException {
        String alertTopic = KAFKA.createTopic("alerts", 2);
        String labelTopic = KAFKA.createTopic("labels", 1);
        Properties p = KAFKA.producerProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "score-it-" + alertTopic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            alertRecords(alertTopic, List.of(alert("committed", "acct-A", "t1", DAY_1)), null)
                    .forEach(producer::send);
            producer.commitTransaction();
            producer.beginTransaction();
            alertRecords(alertTopic, List.of(alert("aborted", "acct-B", "t2", DAY_1)), null)
                    .forEach(producer::send);
            producer.flush();
            producer.abortTransaction();
        }
        KAFKA.produce(labelRecords(labelTopic, List.of(fraud("t2", "acct-B", DAY_1, "x"))));

        JsonNode json =
                score(
                        "--alerts-topic", alertTopic,
                        "--labels-topic", labelTopic,
                        "--bootstrap-servers", KAFKA.bootstrapServers());

        assertThat(json.at("/alerts/records").asLong()).isEqualTo(1);
        assertThat(json.at("/transactions/tp").asLong()).isZero();
        assertThat(json.at("/transactions/fp").asLong()).isEqualTo(1);
    }

    @Test
    void aMissingTopicExitsOneWithTheReason() throws IOException {
        Path labelFile = writeLabels(dir.resolve("labels.jsonl"), LABELS);

        int exit =
                run(
                        new StringWriter(),
                        "score",
                        "--alerts-topic",
                        "no-such-topic",
                        "--labels",
                        labelFile.toString(),
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--read-timeout",
                        "10s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "txgen score: cannot read topic no-such-topic: no such topic on "
                                + KAFKA.bootstrapServers());
    }

    private JsonNode score(String... options) throws IOException {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("score", "--json"));
        args.addAll(List.of(options));
        int exit = run(out, args.toArray(String[]::new));
        assertThat(exit).as("exit status; stderr: %s", err).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    private int run(StringWriter out, String... args) {
        CommandLine cli = TxgenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static ObjectNode withoutSources(JsonNode json) {
        ObjectNode copy = (ObjectNode) json;
        ((ObjectNode) copy.get("alerts")).remove("source");
        ((ObjectNode) copy.get("labels")).remove("source");
        return copy;
    }

    private static List<ProducerRecord<byte[], byte[]>> alertRecords(
            String topic, List<Alert> alerts, Instant timestamp) {
        return alerts.stream()
                .map(
                        a ->
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        timestamp == null ? null : timestamp.toEpochMilli(),
                                        utf8(a.accountId()),
                                        AlertCodec.INSTANCE.encode(a)))
                .toList();
    }

    private static List<ProducerRecord<byte[], byte[]>> labelRecords(
            String topic, List<GroundTruth> labels) {
        return labels.stream()
                .map(
                        l ->
                                new ProducerRecord<>(
                                        topic,
                                        utf8(l.accountId()),
                                        GroundTruthCodec.INSTANCE.encode(l)))
                .toList();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
