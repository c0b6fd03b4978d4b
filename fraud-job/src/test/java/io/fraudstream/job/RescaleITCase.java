package io.fraudstream.job;

import static io.fraudstream.job.TaskManagerFailureITCase.committedAlertIds;
import static io.fraudstream.job.TaskManagerFailureITCase.completedCheckpoints;
import static io.fraudstream.job.TaskManagerFailureITCase.transactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.score.Models;
import io.fraudstream.testing.KafkaClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rescale: the job stopped with a savepoint at parallelism 2 and restored at parallelism 4
 * carries every card's state over to its new key groups, so its alerts are exactly those of a run
 * that never rescaled.
 */
class RescaleITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final int ACCOUNTS = 1_200;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir Path dir;

    private FraudJobConfig config(
            String input, String alerts, String name, int parallelism, boolean bounded) {
        return KafkaJobs.config(
                KAFKA.bootstrapServers(),
                input,
                alerts,
                KAFKA.createTopic("dead-letters", 1),
                Map.of(
                        "job.parallelism",
                        Integer.toString(parallelism),
                        "kafka.sink.delivery-guarantee",
                        "exactly-once",
                        "kafka.sink.transactional-id-prefix",
                        name + "-" + parallelism,
                        "kafka.group-id",
                        name,
                        "kafka.bounded",
                        Boolean.toString(bounded),
                        "checkpoints.dir",
                        dir.resolve(name).toUri().toString()));
    }

    @Test
    void restoredAtParallelism4FromASavepointTakenAt2ItAlertsExactlyAsAnUnscaledRun()
            throws Exception {
        MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(KafkaJobs.miniClusterConfiguration())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(4)
                                .build());
        flink.start();
        try {
            TestStreamEnvironment.setAsContext(flink, 2);
            String cleanInput = KAFKA.createTopic("transactions", 4);
            KAFKA.produce(transactions(cleanInput, 0, ACCOUNTS));
            String cleanAlerts = KAFKA.createTopic("alerts", 2);
            JobClient clean =
                    KafkaJobs.job(config(cleanInput, cleanAlerts, "unscaled", 2, true))
                            .executeAsync("unscaled");
            await().atMost(PATIENCE).until(() -> clean.getJobStatus().get() == JobStatus.FINISHED);
            Set<String> expected = new HashSet<>(committedAlertIds(KAFKA, cleanAlerts));
            assertThat(expected).hasSizeGreaterThanOrEqualTo(ACCOUNTS);

            // Half the stream at parallelism 2, then a savepoint.
            String input = KAFKA.createTopic("transactions", 4);
            String alerts = KAFKA.createTopic("alerts", 2);
            KAFKA.produce(transactions(input, 0, ACCOUNTS / 2));
            JobClient before =
                    KafkaJobs.job(config(input, alerts, "rescaled", 2, false))
                            .executeAsync("rescaled-2");
            await().atMost(PATIENCE).until(() -> completedCheckpoints(dir.resolve("rescaled")) > 0);
            String savepoint =
                    before.stopWithSavepoint(
                                    false,
                                    dir.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();

            // The rest of it at parallelism 4, restored from that savepoint.
            KAFKA.produce(transactions(input, ACCOUNTS / 2, ACCOUNTS));
            FraudJobConfig scaled = config(input, alerts, "rescaled", 4, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            FraudDetectionJob.environment(scaled));
            FraudDetectionJob.build(
                    env, scaled, Models.scorer(scaled), FraudDetectionJob.kafka(scaled));
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("rescaled-4");
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
            JobClient after = env.executeAsync(graph);
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () ->
                                    new HashSet<>(committedAlertIds(KAFKA, alerts))
                                            .containsAll(expected));
            List<String> committed = committedAlertIds(KAFKA, alerts);
            int scorerParallelism = 0;
            for (AccessExecutionJobVertex v :
                    flink.getExecutionGraph(after.getJobID()).get().getAllVertices().values()) {
                if (v.getName().startsWith("score transactions")) {
                    scorerParallelism = v.getParallelism();
                }
            }
            after.cancel().get();

            assertThat(scorerParallelism).isEqualTo(4);
            assertThat(new HashSet<>(committed)).isEqualTo(expected);
            assertThat(committed).doesNotHaveDuplicates();
        } finally {
            TestStreamEnvironment.unsetAsContext();
            flink.close();
        }
    }
}
