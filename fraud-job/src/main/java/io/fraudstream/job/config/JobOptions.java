package io.fraudstream.job.config;

import io.fraudstream.model.config.FeatureOptions;

/**
 * The keys of every job option, defined once. Defaults and comments live in {@code
 * conf/fraud-job.yaml}, which is bundled into the job jar; a test keeps the two in step.
 */
public final class JobOptions {

    public static final String JOB_NAME = "job.name";
    public static final String JOB_PARALLELISM = "job.parallelism";
    public static final String JOB_RULE_VERSION = "job.rule-version";
    public static final String JOB_BUFFER_TIMEOUT = "job.buffer-timeout";

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String KAFKA_GROUP_ID = "kafka.group-id";
    public static final String KAFKA_STARTING_OFFSETS = "kafka.starting-offsets";
    public static final String KAFKA_BOUNDED = "kafka.bounded";
    public static final String KAFKA_VERIFY_TOPICS = "kafka.verify-topics";
    public static final String KAFKA_TOPIC_TRANSACTIONS = "kafka.topics.transactions";
    public static final String KAFKA_TOPIC_ALERTS = "kafka.topics.alerts";
    public static final String KAFKA_TOPIC_DEAD_LETTERS = "kafka.topics.dead-letters";
    public static final String KAFKA_TOPIC_SCORES = "kafka.topics.scores";
    public static final String KAFKA_TOPIC_VERDICTS = "kafka.topics.verdicts";
    public static final String KAFKA_TOPIC_RULES = "kafka.topics.rules";
    public static final String KAFKA_TOPIC_RULES_STATUS = "kafka.topics.rules-status";
    public static final String KAFKA_TOPIC_RULE_HITS = "kafka.topics.rule-hits";
    public static final String KAFKA_SINK_DELIVERY_GUARANTEE = "kafka.sink.delivery-guarantee";
    public static final String KAFKA_SINK_TRANSACTIONAL_ID_PREFIX =
            "kafka.sink.transactional-id-prefix";
    public static final String KAFKA_SINK_TRANSACTION_TIMEOUT = "kafka.sink.transaction-timeout";

    /** Kafka client properties passed through to every client, e.g. {@code security.protocol}. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    public static final String WATERMARKS_OUT_OF_ORDERNESS = "watermarks.out-of-orderness";
    public static final String WATERMARKS_IDLENESS = "watermarks.idleness";
    public static final String WATERMARKS_OUTLIER_TOLERANCE = "watermarks.outlier-tolerance";

    public static final String EVENT_TIME_MAX_AHEAD = "event-time.max-ahead";
    public static final String EVENT_TIME_MAX_AGE = "event-time.max-age";

    public static final String STATE_BACKEND = "state.backend";
    public static final String STATE_INCREMENTAL_CHECKPOINTS = "state.incremental-checkpoints";
    public static final String STATE_TTL = "state.ttl";

    public static final String CHECKPOINTS_INTERVAL = "checkpoints.interval";
    public static final String CHECKPOINTS_MODE = "checkpoints.mode";
    public static final String CHECKPOINTS_TIMEOUT = "checkpoints.timeout";
    public static final String CHECKPOINTS_DIR = "checkpoints.dir";

    public static final String RESTART_STRATEGY = "restart.strategy";
    public static final String RESTART_ATTEMPTS = "restart.attempts";
    public static final String RESTART_DELAY = "restart.delay";
    public static final String RESTART_MAX_DELAY = "restart.max-delay";

    // Detector and profile options: defined with the feature code the trainer shares.
    public static final String PROFILE_HALF_LIFE = FeatureOptions.PROFILE_HALF_LIFE;
    public static final String VELOCITY_ENABLED = FeatureOptions.VELOCITY_ENABLED;
    public static final String VELOCITY_MAX_TRANSACTIONS = FeatureOptions.VELOCITY_MAX_TRANSACTIONS;
    public static final String VELOCITY_WINDOW = FeatureOptions.VELOCITY_WINDOW;
    public static final String VELOCITY_WEIGHT = FeatureOptions.VELOCITY_WEIGHT;
    public static final String SPEND_BURST_ENABLED = FeatureOptions.SPEND_BURST_ENABLED;
    public static final String SPEND_BURST_WINDOW = FeatureOptions.SPEND_BURST_WINDOW;
    public static final String SPEND_BURST_MIN_SPEND = FeatureOptions.SPEND_BURST_MIN_SPEND;
    public static final String SPEND_BURST_MULTIPLE = FeatureOptions.SPEND_BURST_MULTIPLE;
    public static final String SPEND_BURST_WEIGHT = FeatureOptions.SPEND_BURST_WEIGHT;
    public static final String AMOUNT_ANOMALY_ENABLED = FeatureOptions.AMOUNT_ANOMALY_ENABLED;
    public static final String AMOUNT_ANOMALY_MAX_Z = FeatureOptions.AMOUNT_ANOMALY_MAX_Z;
    public static final String AMOUNT_ANOMALY_MIN_HISTORY =
            FeatureOptions.AMOUNT_ANOMALY_MIN_HISTORY;
    public static final String AMOUNT_ANOMALY_MIN_STDDEV = FeatureOptions.AMOUNT_ANOMALY_MIN_STDDEV;
    public static final String AMOUNT_ANOMALY_NEW_ACCOUNT_CEILING =
            FeatureOptions.AMOUNT_ANOMALY_NEW_ACCOUNT_CEILING;
    public static final String AMOUNT_ANOMALY_WEIGHT = FeatureOptions.AMOUNT_ANOMALY_WEIGHT;
    public static final String CARD_TESTING_ENABLED = FeatureOptions.CARD_TESTING_ENABLED;
    public static final String CARD_TESTING_PROBE_MAX = FeatureOptions.CARD_TESTING_PROBE_MAX;
    public static final String CARD_TESTING_LARGE_MIN = FeatureOptions.CARD_TESTING_LARGE_MIN;
    public static final String CARD_TESTING_WINDOW = FeatureOptions.CARD_TESTING_WINDOW;
    public static final String CARD_TESTING_MAX_PROBES = FeatureOptions.CARD_TESTING_MAX_PROBES;
    public static final String CARD_TESTING_WEIGHT = FeatureOptions.CARD_TESTING_WEIGHT;
    public static final String IMPOSSIBLE_TRAVEL_ENABLED = FeatureOptions.IMPOSSIBLE_TRAVEL_ENABLED;
    public static final String IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM =
            FeatureOptions.IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM;
    public static final String IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH =
            FeatureOptions.IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH;
    public static final String IMPOSSIBLE_TRAVEL_WEIGHT = FeatureOptions.IMPOSSIBLE_TRAVEL_WEIGHT;

    public static final String SCORING_FLAG_THRESHOLD = "scoring.flag-threshold";
    public static final String SCORING_BLOCK_THRESHOLD = "scoring.block-threshold";

    public static final String SUPPRESSION_COOLDOWN = "suppression.cooldown";

    public static final String MODEL_PATH = "model.path";

    public static final String SCORES_ENABLED = "scores.enabled";
    public static final String SCORES_FEATURES = "scores.features";
    public static final String SCORES_BATCH_SIZE = "scores.batch-size";
    public static final String SCORES_LINGER = "scores.linger";

    public static final String RULES_ENABLED = "rules.enabled";
    public static final String RULES_DIR = "rules.dir";

    public static final String FEEDBACK_ENABLED = "feedback.enabled";
    public static final String FEEDBACK_LABEL_DELAY = FeatureOptions.FEEDBACK_LABEL_DELAY;
    public static final String FEEDBACK_VISIBILITY_LAG = FeatureOptions.FEEDBACK_VISIBILITY_LAG;
    public static final String FEEDBACK_DECLINE_COMPROMISED =
            FeatureOptions.FEEDBACK_DECLINE_COMPROMISED;
    public static final String FEEDBACK_IDLENESS = "feedback.idleness";

    /** Not an option: names another YAML file to read instead of the bundled defaults. */
    public static final String CONFIG_FILE = "config";

    private JobOptions() {}
}
