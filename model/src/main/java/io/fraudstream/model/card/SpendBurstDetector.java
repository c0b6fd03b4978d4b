package io.fraudstream.model.card;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;
import java.util.Locale;

/**
 * Total spend within the window (kept in twelve time buckets, so the window is exact to one bucket)
 * above both an absolute floor and a multiple of the account's usual spend per window, which comes
 * from its decayed long-horizon profile.
 */
public final class SpendBurstDetector implements Detector {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "spend-burst";
    public static final int BUCKETS = 12;

    private final long windowMs;
    private final long bucketMs;
    private final String windowText;
    private final double minSpend;
    private final double multiple;
    private final double weight;
    private final Profile profile;

    public SpendBurstDetector(DetectorSettings.SpendBurst config, Profile profile) {
        this.windowMs = config.window().toMillis();
        this.bucketMs = Math.max(1, windowMs / BUCKETS);
        this.windowText = Durations.text(config.window());
        this.minSpend = config.minSpend().doubleValue();
        this.multiple = config.multiple();
        this.weight = config.weight();
        this.profile = profile;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection evaluate(
            AccountState state, Transaction transaction, long time, double amount) {
        add(state, time, amount);
        double spend = windowSpend(state, time);
        // A burst is more than one purchase: one large purchase alone is amount-anomaly's case,
        // and counting it here too would double its weight in the noisy-OR of the scorer.
        if (spend <= minSpend || spend - amount <= 0) {
            return null;
        }
        double usual = profile.usualSpend(state, time, windowMs);
        double threshold = Math.max(minSpend, multiple * usual);
        if (spend <= threshold) {
            return null;
        }
        return new Detection(
                NAME,
                Detection.score(weight, spend, threshold),
                String.format(
                        Locale.ROOT,
                        "spent %.2f within %s, above %.2f (floor %.2f; %.1f x the usual %.2f)",
                        spend,
                        windowText,
                        threshold,
                        minSpend,
                        multiple,
                        usual),
                spend,
                threshold);
    }

    private void add(AccountState state, long time, double amount) {
        int bucket = (int) Math.floorDiv(time, bucketMs);
        int slot = Math.floorMod(bucket, BUCKETS);
        int held = state.spendBucket[slot];
        if (held == bucket) {
            state.spendSum[slot] += (float) amount;
        } else if (held == AccountState.NO_BUCKET || held < bucket) {
            state.spendBucket[slot] = bucket;
            state.spendSum[slot] = (float) amount;
        }
        // Otherwise the transaction is older than the whole ring: it no longer counts here.
    }

    public double windowSpend(AccountState state, long time) {
        int newest = (int) Math.floorDiv(time, bucketMs);
        double sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            int bucket = state.spendBucket[i];
            if (bucket != AccountState.NO_BUCKET && bucket > newest - BUCKETS && bucket <= newest) {
                sum += state.spendSum[i];
            }
        }
        // Sums are kept as floats (half the state): exact to the cent up to about 100,000 a
        // bucket, so the window's spend is rounded back to cents.
        return Math.round(sum * 100) / 100.0;
    }
}
