package io.fraudstream.job.config;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.Options;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.features.FeedbackSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The fraud job's configuration: immutable, typed, validated at start-up. Built from {@code
 * conf/fraud-job.yaml} plus command-line overrides by {@link JobConfigLoader}; option keys are the
 * constants of {@link JobOptions}.
 */
public record FraudJobConfig(
        String jobName,
        int parallelism,
        String ruleVersion,
        Duration bufferTimeout,
        Kafka kafka,
        Watermarks watermarks,
        EventTime eventTime,
        State state,
        Checkpoints checkpoints,
        Restart restart,
        DetectorSettings detectors,
        Scoring scoring,
        Duration suppressionCooldown,
        String modelPath,
        Scores scores,
        Feedback feedback,
        Rules rules)
        implements Serializable {

    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration YEAR = Duration.ofDays(366);
    private static final Duration CENTURY = Duration.ofDays(36_525);

    /** Where to start reading without a checkpoint. */
    public enum StartingOffsets {
        COMMITTED,
        EARLIEST,
        LATEST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Delivery guarantee of the alert sink. */
    public enum DeliveryGuarantee {
        AT_LEAST_ONCE,
        EXACTLY_ONCE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Keyed state backend. */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checkpoint barrier alignment. */
    public enum CheckpointMode {
        EXACTLY_ONCE,
        AT_LEAST_ONCE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Restart strategy after a failure. */
    public enum RestartStrategy {
        EXPONENTIAL_DELAY,
        FIXED_DELAY,
        NONE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Kafka(
            String bootstrapServers,
            String groupId,
            StartingOffsets startingOffsets,
            boolean bounded,
            Duration verifyTopics,
            String transactionsTopic,
            String alertsTopic,
            String deadLettersTopic,
            String scoresTopic,
            String verdictsTopic,
            String rulesTopic,
            String rulesStatusTopic,
            String ruleHitsTopic,
            DeliveryGuarantee deliveryGuarantee,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            Map<String, String> properties)
            implements Serializable {

        public Kafka {
            properties = Map.copyOf(properties);
        }
    }

    public record Watermarks(Duration outOfOrderness, Duration idleness, int outlierTolerance)
            implements Serializable {}

    /**
     * The plausible event times: at most {@code maxAhead} ahead of the wall clock, {@code maxAge}
     * behind.
     */
    public record EventTime(Duration maxAhead, Duration maxAge) implements Serializable {}

    public record State(StateBackend backend, boolean incrementalCheckpoints, Duration ttl)
            implements Serializable {}

    /**
     * Checkpointing.
     *
     * @param dir where checkpoints are written ({@code file:///...}, {@code s3://...}); empty for
     *     the cluster's own {@code execution.checkpointing.dir}. Without any, Flink keeps
     *     checkpoints in the JobManager's memory, which refuses state over 5 MiB.
     */
    public record Checkpoints(Duration interval, CheckpointMode mode, Duration timeout, String dir)
            implements Serializable {}

    public record Restart(RestartStrategy strategy, int attempts, Duration delay, Duration maxDelay)
            implements Serializable {}

    public record Scoring(double flagThreshold, double blockThreshold) implements Serializable {}

    /**
     * Every transaction's score to Kafka, optionally with the model's features.
     *
     * @param batchSize the producer's batch per partition, in bytes (Kafka's {@code batch.size})
     * @param linger how long the producer waits to fill a batch (Kafka's {@code linger.ms})
     */
    public record Scores(boolean enabled, boolean features, long batchSize, Duration linger)
            implements Serializable {}

    /**
     * Analyst rules: from the files of {@code dir} ("" for none) at start, and from the rules topic
     * at any time.
     */
    public record Rules(boolean enabled, String dir) implements Serializable {}

    /** Learning from verdicts, and how long a verdicts partition may be quiet. */
    public record Feedback(boolean enabled, FeedbackSettings settings, Duration idleness)
            implements Serializable {}

    /** Reads and validates every option; unknown keys are an error. */
    public static FraudJobConfig from(Map<String, String> options) {
        Options r = new Options(options, "conf/fraud-job.yaml");
        FraudJobConfig config =
                new FraudJobConfig(
                        r.string(JobOptions.JOB_NAME),
                        r.integer(JobOptions.JOB_PARALLELISM, 0, 1024),
                        r.string(JobOptions.JOB_RULE_VERSION),
                        r.duration(
                                JobOptions.JOB_BUFFER_TIMEOUT,
                                Duration.ZERO,
                                Duration.ofSeconds(10)),
                        new Kafka(
                                r.string(JobOptions.KAFKA_BOOTSTRAP_SERVERS),
                                r.string(JobOptions.KAFKA_GROUP_ID),
                                r.choice(JobOptions.KAFKA_STARTING_OFFSETS, StartingOffsets.class),
                                r.bool(JobOptions.KAFKA_BOUNDED),
                                r.duration(
                                        JobOptions.KAFKA_VERIFY_TOPICS,
                                        Duration.ZERO,
                                        Duration.ofMinutes(10)),
                                r.string(JobOptions.KAFKA_TOPIC_TRANSACTIONS),
                                r.string(JobOptions.KAFKA_TOPIC_ALERTS),
                                r.string(JobOptions.KAFKA_TOPIC_DEAD_LETTERS),
                                r.string(JobOptions.KAFKA_TOPIC_SCORES),
                                r.string(JobOptions.KAFKA_TOPIC_VERDICTS),
                                r.string(JobOptions.KAFKA_TOPIC_RULES),
                                r.string(JobOptions.KAFKA_TOPIC_RULES_STATUS),
                                r.string(JobOptions.KAFKA_TOPIC_RULE_HITS),
                                r.choice(
                                        JobOptions.KAFKA_SINK_DELIVERY_GUARANTEE,
                                        DeliveryGuarantee.class),
                                r.string(JobOptions.KAFKA_SINK_TRANSACTIONAL_ID_PREFIX),
                                r.duration(
                                        JobOptions.KAFKA_SINK_TRANSACTION_TIMEOUT,
                                        Duration.ofSeconds(10),
                                        Duration.ofHours(1)),
                                r.withPrefix(JobOptions.KAFKA_PROPERTIES_PREFIX)),
                        new Watermarks(
                                r.duration(
                                        JobOptions.WATERMARKS_OUT_OF_ORDERNESS,
                                        Duration.ZERO,
                                        Duration.ofDays(1)),
                                r.duration(JobOptions.WATERMARKS_IDLENESS, MS, Duration.ofDays(1)),
                                r.integer(JobOptions.WATERMARKS_OUTLIER_TOLERANCE, 0, 100)),
                        new EventTime(
                                r.duration(JobOptions.EVENT_TIME_MAX_AHEAD, Duration.ZERO, CENTURY),
                                r.duration(
                                        JobOptions.EVENT_TIME_MAX_AGE,
                                        Duration.ofHours(1),
                                        CENTURY)),
                        new State(
                                r.choice(JobOptions.STATE_BACKEND, StateBackend.class),
                                r.bool(JobOptions.STATE_INCREMENTAL_CHECKPOINTS),
                                r.duration(JobOptions.STATE_TTL, Duration.ofHours(1), YEAR)),
                        new Checkpoints(
                                r.duration(
                                        JobOptions.CHECKPOINTS_INTERVAL,
                                        Duration.ZERO,
                                        Duration.ofHours(1)),
                                r.choice(JobOptions.CHECKPOINTS_MODE, CheckpointMode.class),
                                r.duration(
                                        JobOptions.CHECKPOINTS_TIMEOUT,
                                        Duration.ofSeconds(1),
                                        Duration.ofHours(2)),
                                r.optionalString(JobOptions.CHECKPOINTS_DIR)),
                        new Restart(
                                r.choice(JobOptions.RESTART_STRATEGY, RestartStrategy.class),
                                r.integer(JobOptions.RESTART_ATTEMPTS, 1, 1_000_000),
                                r.duration(JobOptions.RESTART_DELAY, MS, Duration.ofHours(1)),
                                r.duration(JobOptions.RESTART_MAX_DELAY, MS, Duration.ofHours(24))),
                        DetectorSettings.read(r),
                        new Scoring(
                                r.decimal(JobOptions.SCORING_FLAG_THRESHOLD, 0.01, 1),
                                r.decimal(JobOptions.SCORING_BLOCK_THRESHOLD, 0.01, 1)),
                        r.duration(
                                JobOptions.SUPPRESSION_COOLDOWN,
                                Duration.ZERO,
                                Duration.ofDays(30)),
                        r.optionalString(JobOptions.MODEL_PATH),
                        new Scores(
                                r.bool(JobOptions.SCORES_ENABLED),
                                r.bool(JobOptions.SCORES_FEATURES),
                                r.size(JobOptions.SCORES_BATCH_SIZE, 1 << 10, 64 << 20),
                                r.duration(
                                        JobOptions.SCORES_LINGER,
                                        Duration.ZERO,
                                        Duration.ofSeconds(10))),
                        new Feedback(
                                r.bool(JobOptions.FEEDBACK_ENABLED),
                                FeedbackSettings.read(r),
                                r.duration(
                                        JobOptions.FEEDBACK_IDLENESS,
                                        Duration.ofMillis(1),
                                        Duration.ofDays(1))),
                        new Rules(
                                r.bool(JobOptions.RULES_ENABLED),
                                r.optionalString(JobOptions.RULES_DIR)));
        r.rejectUnknown();
        config.validateRelations();
        return config;
    }

    private void validateRelations() {
        if (scoring.blockThreshold() < scoring.flagThreshold()) {
            throw new ConfigException(
                    JobOptions.SCORING_BLOCK_THRESHOLD
                            + ": must be >= "
                            + JobOptions.SCORING_FLAG_THRESHOLD
                            + " ("
                            + scoring.flagThreshold()
                            + "), was "
                            + scoring.blockThreshold());
        }
        if (kafka.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
                && checkpoints.interval().isZero()) {
            throw new ConfigException(
                    JobOptions.KAFKA_SINK_DELIVERY_GUARANTEE
                            + ": exactly-once commits on checkpoints, so "
                            + JobOptions.CHECKPOINTS_INTERVAL
                            + " must be above 0");
        }
        if (restart.maxDelay().compareTo(restart.delay()) < 0) {
            throw new ConfigException(
                    JobOptions.RESTART_MAX_DELAY + ": must be >= " + JobOptions.RESTART_DELAY);
        }
    }
}
