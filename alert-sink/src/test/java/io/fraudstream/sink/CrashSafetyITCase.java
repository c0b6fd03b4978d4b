package io.fraudstream.sink;

import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.raw;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.sink.testing.Dialect;
import io.fraudstream.sink.testing.GroupOffsets;
import io.fraudstream.sink.testing.SinkDatabase;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.sink.testing.WebhookReceiver;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service in a forked JVM, halted between a batch's database commit and its offset commit, then
 * restarted: no alert lost, none stored twice, no delivered notification sent again, and the
 * notifications left pending by the crash delivered after the restart.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class CrashSafetyITCase {

    @Parameter Dialect dialect;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String GROUP = "crash-test-sink";

    @TempDir Path dir;

    @Test
    void aCrashBetweenStoreAndCommitLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = KAFKA.createTopic("alerts", 1);
        String verdicts = KAFKA.createTopic("verdicts", 1);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = dialect.newDatabase(dir);
            Path config = writeConfig(topic, verdicts, receiver, url);

            // Given a first batch, stored and delivered by a service that will crash later.
            List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                first.add(record(topic, alert("a-" + i, "acct-" + i)));
            }
            first.add(record(topic, alert("a-3", "acct-3"))); // an at-least-once repeat
            first.add(raw(topic, "acct-x", "{\"broken\":"));
            KAFKA.produce(first);
            Process crashing = start(config, "--crash-after-alert=b-0", "run1");
            try (SinkDatabase db = new SinkDatabase(url)) {
                await().atMost(TIMEOUT)
                        .until(() -> delivered(db) == 10 && receiver.requests().size() == 10);
            }
            long committedBeforeCrash = GroupOffsets.committed(KAFKA.admin(), GROUP, topic).get(0);

            // When the second batch is stored and the process dies before committing its offsets.
            List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                second.add(record(topic, alert("b-" + i, "acct-" + i)));
            }
            second.add(record(topic, alert("a-5", "acct-5"))); // a replayed old alert
            KAFKA.produce(second);
            assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(crashing.exitValue()).isEqualTo(CrashingAlertSink.HALT_STATUS);
            try (SinkDatabase db = new SinkDatabase(url)) {
                assertThat(db.alertIds()).contains("b-0");
            }
            assertThat(GroupOffsets.committed(KAFKA.admin(), GROUP, topic).get(0))
                    .as("offsets of the stored batch were not committed")
                    .isEqualTo(committedBeforeCrash);
            assertThat(receiver.requests()).hasSize(10);

            // Then a restarted service reads the batch again, stores nothing twice, and delivers
            // exactly the notifications the crash left pending.
            Process restarted = start(config, null, "run2");
            try (SinkDatabase db = new SinkDatabase(url)) {
                await().atMost(TIMEOUT)
                        .until(
                                () ->
                                        delivered(db) == 20
                                                && GroupOffsets.committed(
                                                                KAFKA.admin(), GROUP, topic)
                                                        .equals(
                                                                GroupOffsets.end(
                                                                        KAFKA.admin(), topic, 1)));
                assertThat(db.alertIds()).hasSize(20).doesNotHaveDuplicates();
                assertThat(db.quarantineReasons()).hasSize(1);
            }
            Map<String, Long> postsPerAlert =
                    receiver.requests().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            WebhookReceiver.Request::idempotencyKey,
                                            Collectors.counting()));
            assertThat(postsPerAlert)
                    .hasSize(20)
                    .allSatisfy((id, posts) -> assertThat(posts).isEqualTo(1));

            restarted.destroy(); // SIGTERM: graceful shutdown
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log("run2"))).contains("Stopped");
        }
    }

    private static long delivered(SinkDatabase db) {
        return db.notificationStates().stream()
                .filter(s -> s.endsWith("/webhook/DELIVERED"))
                .count();
    }

    private Path writeConfig(String topic, String verdicts, WebhookReceiver receiver, String url)
            throws Exception {
        String yaml =
                String.join(
                        "\n",
                        "http:",
                        "  port: 0",
                        "kafka:",
                        "  bootstrap-servers: " + KAFKA.bootstrapServers(),
                        "  alerts-topic: " + topic,
                        "  verdicts-topic: " + verdicts,
                        "  group-id: " + GROUP,
                        "store:",
                        "  url: " + url,
                        "notifications:",
                        "  rate-limit:",
                        "    per-account: 0",
                        "  retry:",
                        "    initial-backoff: 50 ms",
                        "    max-backoff: 200 ms",
                        // Only wake-ups after an offset commit (and the start) make the
                        // dispatcher look: nothing of the crashing batch is sent before the halt.
                        "  poll-interval: 1 h",
                        "  webhook:",
                        "    url: " + receiver.url(),
                        "    secret: " + TestConfigs.SECRET,
                        "");
        return Files.writeString(dir.resolve("alert-sink.yaml"), yaml);
    }

    private Path log(String name) {
        return Path.of("target", "crash-safety-" + dialect + "-" + name + ".log");
    }

    /** Starts the service in a new JVM with the test classpath. */
    private Process start(Path config, String crashOption, String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        // The service's own logging (INFO), not the tests' (WARN), so the log tells the story.
        command.add("-Dlog4j2.configurationFile=log4j2.properties");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingAlertSink.class.getName());
        command.add("--config=" + config);
        if (crashOption != null) {
            command.add(crashOption);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(ConfigLoader.ENV_API_TOKEN, TestConfigs.TOKEN);
        Files.createDirectories(log(name).getParent());
        File logFile = log(name).toFile();
        builder.redirectErrorStream(true).redirectOutput(logFile);
        return builder.start();
    }
}
