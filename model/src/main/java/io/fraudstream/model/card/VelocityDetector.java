package io.fraudstream.model.card;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;

/**
 * More than {@code max-transactions} transactions within the window ending at a transaction,
 * counted exactly over the ring of recent transactions (the window is {@code (t - window, t]}).
 */
public final class VelocityDetector implements Detector {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "velocity";

    private final int maxTransactions;
    private final long windowMs;
    private final String windowText;
    private final double weight;

    public VelocityDetector(DetectorSettings.Velocity config) {
        this.maxTransactions = config.maxTransactions();
        this.windowMs = config.window().toMillis();
        this.windowText = Durations.text(config.window());
        this.weight = config.weight();
    }

    /**
     * Recent transactions to keep: enough to decide "more than max" exactly, and to see a burst of
     * twice that (a stronger score) before the count saturates.
     */
    public static int ringCapacity(DetectorSettings.Velocity config) {
        return Math.max(2 * (config.maxTransactions() + 1), 8);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection evaluate(
            AccountState state, Transaction transaction, long time, double amount) {
        int count = state.countRecent(time - windowMs, time);
        if (count <= maxTransactions) {
            return null;
        }
        boolean capped = count == state.recentTimes.length;
        return new Detection(
                NAME,
                Detection.score(weight, count, maxTransactions),
                (capped ? "at least " : "")
                        + count
                        + " transactions within "
                        + windowText
                        + ", more than "
                        + maxTransactions,
                count,
                maxTransactions);
    }
}
