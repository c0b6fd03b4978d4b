package io.fraudstream.model.card;

import io.fraudstream.events.Transaction;
import java.util.Locale;

/**
 * An amount far above the account's own profile: {@code log(1 + amount)} more than {@code max-z}
 * standard deviations above its decayed mean, once the account has {@code min-history}
 * transactions; before that, an amount above the absolute {@code new-account-ceiling}.
 */
public final class AmountAnomalyDetector implements Detector {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "amount-anomaly";

    private final double maxZ;
    private final int minHistory;
    private final double minStddev;
    private final double newAccountCeiling;
    private final double weight;

    public AmountAnomalyDetector(DetectorSettings.AmountAnomaly config) {
        this.maxZ = config.maxZ();
        this.minHistory = config.minHistory();
        this.minStddev = config.minStddev();
        this.newAccountCeiling = config.newAccountCeiling().doubleValue();
        this.weight = config.weight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection evaluate(
            AccountState state, Transaction transaction, long time, double amount) {
        if (state.profileCount < minHistory) {
            if (amount <= newAccountCeiling) {
                return null;
            }
            return new Detection(
                    NAME,
                    Detection.score(weight, amount, newAccountCeiling),
                    String.format(
                            Locale.ROOT,
                            "amount %.2f above %.2f for an account with %d earlier transactions",
                            amount,
                            newAccountCeiling,
                            state.profileCount),
                    amount,
                    newAccountCeiling);
        }
        double mean = Profile.logMean(state);
        double z = (Math.log1p(amount) - mean) / Math.max(minStddev, Profile.logStddev(state));
        if (z <= maxZ) {
            return null;
        }
        return new Detection(
                NAME,
                Detection.score(weight, z, maxZ),
                String.format(
                        Locale.ROOT,
                        "amount %.2f is %.1f standard deviations above the account's usual (about"
                                + " %.2f), more than %.1f",
                        amount,
                        z,
                        Math.expm1(mean),
                        maxZ),
                z,
                maxZ);
    }
}
