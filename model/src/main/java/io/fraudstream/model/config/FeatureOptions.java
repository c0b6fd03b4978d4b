package io.fraudstream.model.config;

/**
 * The keys of the options that decide how features are computed: the detectors, the account profile
 * and entity risk. The job reads them from its configuration; the trainer reads the same keys from
 * the same file, so a model is trained on the features the job serves.
 */
public final class FeatureOptions {

    public static final String PROFILE_HALF_LIFE = "profile.half-life";

    public static final String VELOCITY_ENABLED = "detectors.velocity.enabled";
    public static final String VELOCITY_MAX_TRANSACTIONS = "detectors.velocity.max-transactions";
    public static final String VELOCITY_WINDOW = "detectors.velocity.window";
    public static final String VELOCITY_WEIGHT = "detectors.velocity.weight";

    public static final String SPEND_BURST_ENABLED = "detectors.spend-burst.enabled";
    public static final String SPEND_BURST_WINDOW = "detectors.spend-burst.window";
    public static final String SPEND_BURST_MIN_SPEND = "detectors.spend-burst.min-spend";
    public static final String SPEND_BURST_MULTIPLE = "detectors.spend-burst.multiple";
    public static final String SPEND_BURST_WEIGHT = "detectors.spend-burst.weight";

    public static final String AMOUNT_ANOMALY_ENABLED = "detectors.amount-anomaly.enabled";
    public static final String AMOUNT_ANOMALY_MAX_Z = "detectors.amount-anomaly.max-z";
    public static final String AMOUNT_ANOMALY_MIN_HISTORY = "detectors.amount-anomaly.min-history";
    public static final String AMOUNT_ANOMALY_MIN_STDDEV = "detectors.amount-anomaly.min-stddev";
    public static final String AMOUNT_ANOMALY_NEW_ACCOUNT_CEILING =
            "detectors.amount-anomaly.new-account-ceiling";
    public static final String AMOUNT_ANOMALY_WEIGHT = "detectors.amount-anomaly.weight";

    public static final String CARD_TESTING_ENABLED = "detectors.card-testing.enabled";
    public static final String CARD_TESTING_PROBE_MAX = "detectors.card-testing.probe-max";
    public static final String CARD_TESTING_LARGE_MIN = "detectors.card-testing.large-min";
    public static final String CARD_TESTING_WINDOW = "detectors.card-testing.window";
    public static final String CARD_TESTING_MAX_PROBES = "detectors.card-testing.max-probes";
    public static final String CARD_TESTING_WEIGHT = "detectors.card-testing.weight";

    public static final String IMPOSSIBLE_TRAVEL_ENABLED = "detectors.impossible-travel.enabled";
    public static final String IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM =
            "detectors.impossible-travel.min-distance-km";
    public static final String IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH =
            "detectors.impossible-travel.max-speed-kmh";
    public static final String IMPOSSIBLE_TRAVEL_WEIGHT = "detectors.impossible-travel.weight";

    public static final String FEEDBACK_LABEL_DELAY = "feedback.label-delay";
    public static final String FEEDBACK_VISIBILITY_LAG = "feedback.visibility-lag";
    public static final String FEEDBACK_DECLINE_COMPROMISED = "feedback.decline-compromised-cards";

    /** The options that shape features, recorded in a model file and compared at load. */
    public static final java.util.List<String> SHAPING =
            java.util.List.of(PROFILE_HALF_LIFE, FEEDBACK_LABEL_DELAY, FEEDBACK_VISIBILITY_LAG);

    private FeatureOptions() {}
}
