package io.fraudstream.model.card;

import java.io.Serializable;
import java.time.Duration;

/**
 * The account's long-horizon profile as running exponentially decayed moments: the weight, sum and
 * sum of squares of {@code log(1 + amount)} and the sum of amounts, all decayed with one half-life.
 * Constant size and O(1) per transaction, whatever the account's history.
 */
public final class Profile implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double LN2 = Math.log(2);
    private static final long DAY_MS = 86_400_000L;

    private final double halfLifeMs;

    public Profile(Duration halfLife) {
        this.halfLifeMs = halfLife.toMillis();
    }

    /** The factor a value recorded at {@code from} is worth at {@code to}. */
    public double decay(long from, long to) {
        return to <= from ? 1.0 : Math.exp(-LN2 * (to - from) / halfLifeMs);
    }

    /** Records a transaction; an out-of-order one counts as of the profile's time. */
    public void add(AccountState state, long time, double amount) {
        if (state.profileTime == AccountState.NONE) {
            state.profileTime = time;
            state.firstSeen = time;
        } else if (time > state.profileTime) {
            double factor = decay(state.profileTime, time);
            state.profileWeight *= factor;
            state.profileSum *= factor;
            state.profileSumSquares *= factor;
            state.profileSpend *= factor;
            state.profileTime = time;
        }
        if (time < state.firstSeen) {
            state.firstSeen = time;
        }
        double x = Math.log1p(amount);
        state.profileWeight += 1;
        state.profileSum += x;
        state.profileSumSquares += x * x;
        state.profileSpend += amount;
        state.profileCount++;
    }

    /** Decayed mean of log(1 + amount); decay cancels out of the ratio. */
    public static double logMean(AccountState state) {
        return state.profileSum / state.profileWeight;
    }

    public static double logStddev(AccountState state) {
        double mean = logMean(state);
        double variance = state.profileSumSquares / state.profileWeight - mean * mean;
        return Math.sqrt(Math.max(0, variance));
    }

    /**
     * The account's usual spend per {@code windowMs}: its decayed spend divided by the decayed
     * length of its history, so a constant spender at rate r gets r. History counts as at least a
     * day (or one window, if longer): a new account's first purchases are spread over a day rather
     * than taken as its hourly habit.
     */
    public double usualSpend(AccountState state, long time, long windowMs) {
        if (state.profileTime == AccountState.NONE) {
            return 0;
        }
        double spend = state.profileSpend * decay(state.profileTime, time);
        long age = Math.max(Math.max(windowMs, DAY_MS), time - state.firstSeen);
        double decayedHistory = halfLifeMs / LN2 * (1 - Math.exp(-LN2 * age / halfLifeMs));
        return spend / decayedHistory * windowMs;
    }
}
