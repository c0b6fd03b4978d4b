package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.AlertCodec;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager lost mid-stream, with the exactly-once alert sink: the job restarts from its last
 * checkpoint on a replacement TaskManager, and a {@code read_committed} reader of the alert topic
 * sees exactly the alerts of a run without the failure, none lost and none twice.
 */
class TaskManagerFailureITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final int ACCOUNTS = 1_500;
    private static final int PER_ACCOUNT = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static MiniCluster flink;

    @TempDir Path dir;

    @BeforeAll
    static void cluster() throws Exception {
        // two TaskManagers of one slot each: the job at parallelism 2 spans both
        flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(KafkaJobs.miniClusterConfiguration())
                                .setNumTaskManagers(2)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        flink.start();
        TestStreamEnvironment.setAsContext(flink, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        TestStreamEnvironment.unsetAsContext();
        if (flink != null) {
            flink.close();
        }
    }

    /**
     * Eight card-not-present purchases per card, 30 s apart: the velocity detector fires from the
     * sixth on. Accounts {@code [from, to)}.
     */
    static List<ProducerRecord<byte[], byte[]>> transactions(String topic, int from, int to) {
        Instant base = Instant.now().minus(Duration.ofHours(2));
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int j = 0; j < PER_ACCOUNT; j++) {
            for (int i = from; i < to; i++) {
                String account = "acct-" + i;
                String json =
                        "{\"transactionId\":\"t-"
                                + i
                                + "-"
                                + j
                                + "\",\"accountId\":\""
                                + account
                                + "\",\"timestamp\":\""
                                + base.plusMillis(i).plusSeconds(30L * j)
                                + "\",\"amount\":\"25.00\",\"currency\":\"EUR\",\"merchantId\":\"m-1\","
                                + "\"mcc\":\"5411\",\"country\":\"DE\",\"channel\":\"ECOM\"}";
                out.add(
                        new ProducerRecord<>(
                                topic,
                                account.getBytes(StandardCharsets.UTF_8),
                                json.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The job with the exactly-once sink, its own group and transactional ids, checkpoints. */
    private FraudJobConfig config(
            String input, String alerts, String name, Path checkpoints, boolean bounded) {
        return KafkaJobs.config(
                KAFKA.bootstrapServers(),
                input,
                alerts,
                KAFKA.createTopic("dead-letters", 1),
                Map.of(
                        "kafka.sink.delivery-guarantee",
                        "exactly-once",
                        "kafka.sink.transactional-id-prefix",
                        name,
                        "kafka.group-id",
                        name,
                        "kafka.bounded",
                        Boolean.toString(bounded),
                        "checkpoints.dir",
                        checkpoints.toUri().toString(),
                        "restart.delay",
                        "100 ms"));
    }

    static List<String> committedAlertIds(KafkaClusterExtension kafka, String topic) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic, true)) {
            ids.add(AlertCodec.INSTANCE.decode(r.value()).alertId());
        }
        return ids;
    }

    private static List<String> committedAlertIds(String topic) {
        return committedAlertIds(KAFKA, topic);
    }

    @Test
    void afterATaskManagerIsLostTheCommittedAlertsAreExactlyThoseOfACleanRun() throws Exception {
        // The clean run: the whole input, bounded, no failure.
        String cleanInput = KAFKA.createTopic("transactions", 4);
        KAFKA.produce(transactions(cleanInput, 0, ACCOUNTS));
        String cleanAlerts = KAFKA.createTopic("alerts", 2);
        JobClient cleanJob =
                KafkaJobs.job(config(cleanInput, cleanAlerts, "clean", dir.resolve("clean"), true))
                        .executeAsync("clean");
        await().atMost(PATIENCE).until(() -> cleanJob.getJobStatus().get() == JobStatus.FINISHED);
        Set<String> expected = new HashSet<>(committedAlertIds(cleanAlerts));
        // every card alerts (the suppressor keeps one per card within its window)
        assertThat(expected).hasSizeGreaterThanOrEqualTo(ACCOUNTS);

        // The same input in two halves around the loss of a TaskManager.
        String input = KAFKA.createTopic("transactions", 4);
        String alerts = KAFKA.createTopic("alerts", 2);
        Path checkpoints = dir.resolve("failing");
        KAFKA.produce(transactions(input, 0, ACCOUNTS / 2));
        JobClient job =
                KafkaJobs.job(config(input, alerts, "failing", checkpoints, false))
                        .executeAsync("failing");
        await().atMost(PATIENCE).until(() -> completedCheckpoints(checkpoints) > 0);

        flink.terminateTaskManager(0).get();
        flink.startTaskManager();
        KAFKA.produce(transactions(input, ACCOUNTS / 2, ACCOUNTS));

        await().atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> new HashSet<>(committedAlertIds(alerts)).containsAll(expected));
        List<String> committed = committedAlertIds(alerts);
        var graph = flink.getExecutionGraph(job.getJobID()).get();
        long restarted = graph.getStatusTimestamp(JobStatus.RESTARTING);
        job.cancel().get();

        assertThat(restarted).as("the job restarted after the loss").isPositive();
        assertThat(new HashSet<>(committed)).isEqualTo(expected);
        assertThat(committed).as("no alert committed twice").doesNotHaveDuplicates();
        List<String> everything = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(alerts, false)) {
            everything.add(AlertCodec.INSTANCE.decode(r.value()).alertId());
        }
        assertThat(everything)
                .as("aborted and committed records")
                .hasSizeGreaterThanOrEqualTo(committed.size());
    }

    static long completedCheckpoints(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a subsumed checkpoint removed while listed
        }
    }
}
