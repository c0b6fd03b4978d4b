package io.fraudstream.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.events.config.ConfigException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FraudJobConfigTest {

    @TempDir Path dir;

    @Test
    void theBundledDefaultsAreValidAndMatchTheDocumentedValues() {
        FraudJobConfig config = JobConfigLoader.load(new String[0]);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.kafka().deliveryGuarantee())
                .isEqualTo(FraudJobConfig.DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(config.detectors().velocity().maxTransactions()).isEqualTo(5);
        assertThat(config.detectors().velocity().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.detectors().cardTesting().probeMax()).isEqualByComparingTo("2.00");
        assertThat(config.detectors().impossibleTravel().maxSpeedKmh()).isEqualTo(900);
        assertThat(config.state().ttl()).isEqualTo(Duration.ofDays(35));
        assertThat(config.state().backend()).isEqualTo(FraudJobConfig.StateBackend.HASHMAP);
        assertThat(config.scores().batchSize()).isEqualTo(256 * 1024);
        assertThat(config.scores().linger()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void everyOptionKeyIsInTheBundledFileAndEveryFileKeyIsAnOption() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (Field field : JobOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                keys.add((String) field.get(null));
            }
        }
        keys.remove(JobOptions.CONFIG_FILE);
        keys.remove(JobOptions.KAFKA_PROPERTIES_PREFIX);

        assertThat(JobConfigLoader.defaults().keySet()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void commandLineOverridesWinOverAConfigFileWhichWinsOverDefaults() throws IOException {
        Path file = dir.resolve("job.yaml");
        Files.writeString(
                file,
                "detectors:\n  velocity:\n    max-transactions: 7\n    window: 5 min\n"
                        + "kafka:\n  properties:\n    security.protocol: SSL\n");

        FraudJobConfig config =
                JobConfigLoader.load(
                        new String[] {
                            "--config", file.toString(),
                            "--detectors.velocity.max-transactions", "9",
                            "--kafka.properties.sasl.mechanism", "PLAIN"
                        });

        assertThat(config.detectors().velocity().maxTransactions()).isEqualTo(9);
        assertThat(config.detectors().velocity().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.kafka().properties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void anOutOfRangeValueNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> load("detectors.velocity.max-transactions", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("detectors.velocity.max-transactions: must be in [1, 1000], was 0");
        assertThatThrownBy(() -> load("scoring.flag-threshold", "1.5"))
                .hasMessage("scoring.flag-threshold: must be in [0.01, 1.0], was 1.5");
        assertThatThrownBy(() -> load("detectors.velocity.window", "ten minutes"))
                .hasMessageStartingWith("detectors.velocity.window: must be a duration");
        assertThatThrownBy(() -> load("state.ttl", "10 min"))
                .hasMessage("state.ttl: must be between 1 h and 366 d, was 10 min");
        assertThatThrownBy(() -> load("detectors.card-testing.probe-max", "-1"))
                .hasMessage("detectors.card-testing.probe-max: must be >= 0, was -1");
        assertThatThrownBy(() -> load("scores.batch-size", "128 MiB"))
                .hasMessage("scores.batch-size: must be between 1 KiB and 64 MiB, was 128 MiB");
        assertThatThrownBy(() -> load("scores.batch-size", "large"))
                .hasMessageStartingWith("scores.batch-size: must be a size such as");
        assertThatThrownBy(() -> load("kafka.sink.delivery-guarantee", "maybe"))
                .hasMessage(
                        "kafka.sink.delivery-guarantee: must be one of [at-least-once,"
                                + " exactly-once], was maybe");
    }

    @Test
    void relatedOptionsAreCheckedTogether() {
        assertThatThrownBy(
                        () ->
                                load(
                                        Map.of(
                                                "scoring.flag-threshold", "0.8",
                                                "scoring.block-threshold", "0.7")))
                .hasMessage(
                        "scoring.block-threshold: must be >= scoring.flag-threshold (0.8), was"
                                + " 0.7");
        assertThatThrownBy(
                        () ->
                                load(
                                        Map.of(
                                                "kafka.sink.delivery-guarantee", "exactly-once",
                                                "checkpoints.interval", "0 s")))
                .hasMessageContaining("exactly-once commits on checkpoints");
    }

    @Test
    void anUnknownKeyIsRejectedInsteadOfIgnored() {
        assertThatThrownBy(() -> load("detectors.velocity.max-transaction", "3"))
                .hasMessage(
                        "unknown option detectors.velocity.max-transaction: check the spelling"
                                + " against conf/fraud-job.yaml");
    }

    @Test
    void aFlagWithoutValueIsRejected() {
        assertThatThrownBy(() -> JobConfigLoader.load(new String[] {"--kafka.bootstrap-servers"}))
                .hasMessage("kafka.bootstrap-servers: given without a value");
    }

    @Test
    void aNegativeDurationIsAnInvalidValueNotAMissingOne() {
        assertThatThrownBy(
                        () -> JobConfigLoader.load(new String[] {"--checkpoints.interval", "-1s"}))
                .hasMessage(
                        "checkpoints.interval: must be between 0 ms and 1 h, was -1s (negative)");
    }

    @Test
    void aKeyGivenTwiceOrAStrayWordOnTheCommandLineIsRejected() {
        assertThatThrownBy(
                        () ->
                                JobConfigLoader.load(
                                        new String[] {"--job.name", "a", "--job.name", "b"}))
                .hasMessage("job.name: given more than once on the command line");
        assertThatThrownBy(() -> JobConfigLoader.load(new String[] {"velocity"}))
                .hasMessageStartingWith("command line: expected an option --<key>, was 'velocity'");
    }

    @Test
    void aScalarWhereASectionBelongsNamesTheKeyAndTheExpectedShape() throws IOException {
        assertThatThrownBy(() -> loadFile("kafka: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka: must be a mapping of options (kafka.")
                .hasMessageEndingWith(", was a single value");
        assertThatThrownBy(() -> loadFile("kafka:\n  properties: security\n"))
                .hasMessage("kafka.properties: must be a mapping of options, was a single value");
    }

    @Test
    void aMappingWhereASingleValueBelongsNamesTheKey() throws IOException {
        assertThatThrownBy(() -> loadFile("job:\n  name:\n    first: x\n"))
                .hasMessage("job.name: must be a single value, was a mapping (job.name.first)");
    }

    @Test
    void aListIsRejectedNamingTheKey() throws IOException {
        assertThatThrownBy(() -> loadFile("job:\n  name: [a, b]\n"))
                .hasMessage("job.name: lists are not supported, give a single value");
    }

    @Test
    void theEventTimeBoundsAreValidated() {
        assertThatThrownBy(() -> load("event-time.max-age", "10 min"))
                .hasMessage("event-time.max-age: must be between 1 h and 36525 d, was 10 min");
        assertThatThrownBy(() -> load("watermarks.outlier-tolerance", "-1"))
                .hasMessage("watermarks.outlier-tolerance: must be in [0, 100], was -1");
        FraudJobConfig defaults = JobConfigLoader.load(new String[0]);
        assertThat(defaults.eventTime().maxAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.eventTime().maxAge()).isEqualTo(Duration.ofDays(7300));
        assertThat(defaults.watermarks().outlierTolerance()).isEqualTo(2);
    }

    @Test
    void moneyKeepsItsScale() {
        assertThat(
                        FraudJobConfig.from(
                                        with(Map.of("detectors.spend-burst.min-spend", "250.50")))
                                .detectors()
                                .spendBurst()
                                .minSpend())
                .isEqualTo(new BigDecimal("250.50"));
    }

    private FraudJobConfig loadFile(String yaml) throws IOException {
        Path file = dir.resolve("shape.yaml");
        Files.writeString(file, yaml);
        return JobConfigLoader.load(new String[] {"--config", file.toString()});
    }

    private static FraudJobConfig load(String key, String value) {
        return load(Map.of(key, value));
    }

    private static FraudJobConfig load(Map<String, String> overrides) {
        return FraudJobConfig.from(with(overrides));
    }

    private static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        options.putAll(overrides);
        return options;
    }
}
