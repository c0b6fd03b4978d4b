package io.fraudstream.model.card;

import io.fraudstream.events.config.Options;
import io.fraudstream.model.config.FeatureOptions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The five detectors' settings and the account profile's half-life, validated: read from the job's
 * options by the job and, from the same file, by the trainer.
 */
public record DetectorSettings(
        Duration profileHalfLife,
        Velocity velocity,
        SpendBurst spendBurst,
        AmountAnomaly amountAnomaly,
        CardTesting cardTesting,
        ImpossibleTravel impossibleTravel)
        implements Serializable {

    private static final Duration YEAR = Duration.ofDays(366);

    public record Velocity(boolean enabled, int maxTransactions, Duration window, double weight)
            implements Serializable {}

    public record SpendBurst(
            boolean enabled, Duration window, BigDecimal minSpend, double multiple, double weight)
            implements Serializable {}

    public record AmountAnomaly(
            boolean enabled,
            double maxZ,
            int minHistory,
            double minStddev,
            BigDecimal newAccountCeiling,
            double weight)
            implements Serializable {}

    public record CardTesting(
            boolean enabled,
            BigDecimal probeMax,
            BigDecimal largeMin,
            Duration window,
            int maxProbes,
            double weight)
            implements Serializable {}

    public record ImpossibleTravel(
            boolean enabled, double minDistanceKm, double maxSpeedKmh, double weight)
            implements Serializable {}

    /** Reads and validates the detector and profile options. */
    public static DetectorSettings read(Options r) {
        DetectorSettings settings =
                new DetectorSettings(
                        r.duration(FeatureOptions.PROFILE_HALF_LIFE, Duration.ofHours(1), YEAR),
                        new Velocity(
                                r.bool(FeatureOptions.VELOCITY_ENABLED),
                                r.integer(FeatureOptions.VELOCITY_MAX_TRANSACTIONS, 1, 1000),
                                r.duration(
                                        FeatureOptions.VELOCITY_WINDOW,
                                        Duration.ofSeconds(1),
                                        Duration.ofDays(1)),
                                r.decimal(FeatureOptions.VELOCITY_WEIGHT, 0, 1)),
                        new SpendBurst(
                                r.bool(FeatureOptions.SPEND_BURST_ENABLED),
                                r.duration(
                                        FeatureOptions.SPEND_BURST_WINDOW,
                                        Duration.ofMinutes(5),
                                        Duration.ofDays(1)),
                                r.money(FeatureOptions.SPEND_BURST_MIN_SPEND),
                                r.decimal(FeatureOptions.SPEND_BURST_MULTIPLE, 1, 1e6),
                                r.decimal(FeatureOptions.SPEND_BURST_WEIGHT, 0, 1)),
                        new AmountAnomaly(
                                r.bool(FeatureOptions.AMOUNT_ANOMALY_ENABLED),
                                r.decimal(FeatureOptions.AMOUNT_ANOMALY_MAX_Z, 0.5, 100),
                                r.integer(FeatureOptions.AMOUNT_ANOMALY_MIN_HISTORY, 2, 100_000),
                                r.decimal(FeatureOptions.AMOUNT_ANOMALY_MIN_STDDEV, 0.001, 10),
                                r.money(FeatureOptions.AMOUNT_ANOMALY_NEW_ACCOUNT_CEILING),
                                r.decimal(FeatureOptions.AMOUNT_ANOMALY_WEIGHT, 0, 1)),
                        new CardTesting(
                                r.bool(FeatureOptions.CARD_TESTING_ENABLED),
                                r.money(FeatureOptions.CARD_TESTING_PROBE_MAX),
                                r.money(FeatureOptions.CARD_TESTING_LARGE_MIN),
                                r.duration(
                                        FeatureOptions.CARD_TESTING_WINDOW,
                                        Duration.ofSeconds(1),
                                        Duration.ofDays(1)),
                                r.integer(FeatureOptions.CARD_TESTING_MAX_PROBES, 2, 1000),
                                r.decimal(FeatureOptions.CARD_TESTING_WEIGHT, 0, 1)),
                        new ImpossibleTravel(
                                r.bool(FeatureOptions.IMPOSSIBLE_TRAVEL_ENABLED),
                                r.decimal(
                                        FeatureOptions.IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM,
                                        0,
                                        20_100),
                                r.decimal(FeatureOptions.IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH, 1, 1e6),
                                r.decimal(FeatureOptions.IMPOSSIBLE_TRAVEL_WEIGHT, 0, 1)));
        if (settings.cardTesting.largeMin().compareTo(settings.cardTesting.probeMax()) <= 0) {
            throw new io.fraudstream.events.config.ConfigException(
                    FeatureOptions.CARD_TESTING_LARGE_MIN
                            + ": must be above "
                            + FeatureOptions.CARD_TESTING_PROBE_MAX
                            + " ("
                            + settings.cardTesting.probeMax()
                            + "), was "
                            + settings.cardTesting.largeMin());
        }
        return settings;
    }
}
