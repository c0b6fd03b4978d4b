package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-local defect: a MiniCluster has no cluster configuration naming a checkpoint directory,
 * so Flink kept checkpoints in the JobManager's memory and refused every one over 5 MiB ("Size of
 * the state is larger than the maximum permitted memory-backed state"), restarting the job again
 * and again. With {@code checkpoints.dir} (what {@code bin/fraudstream run-local} sets, under
 * {@code var/}) a job holding more than 5 MiB of state completes its checkpoints to files.
 */
class LargeStateCheckpointITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    /** Accounts, one transaction each: about 1 KB of card state apiece, so some 15 MB in all. */
    private static final int ACCOUNTS = 15_000;

    private static final long MEMORY_LIMIT = 5L * 1024 * 1024;

    @TempDir Path checkpoints;

    @Test
    void aJobWithMoreThan5MiBOfStateCompletesItsCheckpointsToFiles() throws Exception {
        String transactions = KAFKA.createTopic("transactions", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = "acct-" + i;
            String json =
                    "{\"transactionId\":\"t-"
                            + i
                            + "\",\"accountId\":\""
                            + account
                            + "\",\"timestamp\":\""
                            + now.minusMillis(ACCOUNTS - i)
                            + "\",\"amount\":\"12.50\",\"currency\":\"EUR\",\"merchantId\":\"m-"
                            + (i % 300)
                            + "\",\"terminalId\":\"term-"
                            + (i % 300)
                            + "\",\"mcc\":\"5411\",\"country\":\"DE\",\"channel\":\"ECOM\"}";
            records.add(
                    new ProducerRecord<>(
                            transactions,
                            account.getBytes(StandardCharsets.UTF_8),
                            json.getBytes(StandardCharsets.UTF_8)));
        }
        KAFKA.produce(records);

        MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(KafkaJobs.miniClusterConfiguration())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build());
        flink.start();
        try {
            TestStreamEnvironment.setAsContext(flink, 2);
            FraudJobConfig config =
                    KafkaJobs.config(
                            KAFKA.bootstrapServers(),
                            transactions,
                            KAFKA.createTopic("alerts", 1),
                            KAFKA.createTopic("dead-letters", 1),
                            Map.of("checkpoints.dir", checkpoints.toUri().toString()));
            JobClient job = KafkaJobs.job(config).executeAsync("large-state");

            Path completed =
                    await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(500))
                            .until(
                                    this::largestCompletedCheckpoint,
                                    c -> c.isPresent() && size(c.get()) > MEMORY_LIMIT)
                            .orElseThrow();

            assertThat(Files.exists(completed.resolve("_metadata"))).isTrue();
            assertThat(size(completed)).isGreaterThan(MEMORY_LIMIT);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        } finally {
            TestStreamEnvironment.unsetAsContext();
            flink.close();
        }
    }

    /** The completed checkpoint ({@code chk-N} with its {@code _metadata}) holding most bytes. */
    private Optional<Path> largestCompletedCheckpoint() {
        try (Stream<Path> jobs = Files.list(checkpoints)) {
            List<Path> done = new ArrayList<>();
            for (Path jobDir : jobs.toList()) {
                try (Stream<Path> chks = Files.list(jobDir)) {
                    chks.filter(c -> c.getFileName().toString().startsWith("chk-"))
                            .filter(c -> Files.exists(c.resolve("_metadata")))
                            .forEach(done::add);
                }
            }
            return done.stream().max((a, b) -> Long.compare(size(a), size(b)));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // a directory removed while listed: look again
        }
    }

    /** The bytes under a checkpoint directory; 0 once Flink has removed it (subsumed). */
    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(LargeStateCheckpointITCase::bytes)
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long bytes(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // removed by a newer checkpoint meanwhile
        }
    }
}
