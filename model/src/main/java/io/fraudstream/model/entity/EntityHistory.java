package io.fraudstream.model.entity;

import java.util.Arrays;

/**
 * What is known about one terminal or merchant, in compact daily buckets (never a list of
 * transactions): transactions per day, and confirmed frauds per day of the fraudulent transaction,
 * over the last {@value #DAYS} days; plus the hashes of the transactions counted as fraud, so a
 * second verdict on the same transaction (an analyst's, then the chargeback) counts once. About 300
 * bytes whatever the entity's volume.
 *
 * <p>The features of a transaction are computed {@linkplain #features as of} a time: complete days
 * for the transaction counts, every fraud the history holds for the fraud counts (the job and the
 * trainer only ever apply a fraud once it is known at that time). A Flink POJO; the job keeps one
 * per entity in keyed state and sends copies to the scoring operator.
 */
public class EntityHistory {

    /** Days kept: the longest fraud-share window (30 days) behind the label delay, and today. */
    public static final int DAYS = 38;

    /** Frauds remembered for de-duplication; beyond that, a repeated verdict may count twice. */
    public static final int FRAUD_HASHES = 32;

    /** Features per entity, laid out as the terminal and merchant blocks of the vector. */
    public static final int FEATURES = 10;

    private static final long NONE = Long.MIN_VALUE;

    /** The newest day held (epoch day), or {@link #NONE}; slot of day d is {@code d % DAYS}. */
    public long newestDay = NONE;

    public int[] transactions = new int[DAYS];
    public short[] frauds = new short[DAYS];

    /** Hashes of the transactions counted as fraud, a ring; {@code fraudHashCount} of them set. */
    public long[] fraudHashes;

    public int fraudHashCount;

    public EntityHistory() {}

    /** A deep copy, for a snapshot the keyed state can go on changing under. */
    public EntityHistory copy() {
        EntityHistory copy = new EntityHistory();
        copy.newestDay = newestDay;
        copy.transactions = transactions.clone();
        copy.frauds = frauds.clone();
        copy.fraudHashes = fraudHashes == null ? null : fraudHashes.clone();
        copy.fraudHashCount = fraudHashCount;
        return copy;
    }

    /** Counts a transaction of epoch day {@code day}; older than the window, it is dropped. */
    public void addTransaction(long day) {
        if (advanceTo(day)) {
            int slot = slot(day);
            if (transactions[slot] < Integer.MAX_VALUE) {
                transactions[slot]++;
            }
        }
    }

    /**
     * Counts a confirmed fraud on a transaction of epoch day {@code day}, once per transaction.
     *
     * @return whether it counted (false for a repeat or a day outside the window)
     */
    public boolean addFraud(long day, long transactionHash) {
        if (fraudHashes != null) {
            for (int i = 0; i < Math.min(fraudHashCount, FRAUD_HASHES); i++) {
                if (fraudHashes[i] == transactionHash) {
                    return false;
                }
            }
        }
        if (!advanceTo(day)) {
            return false;
        }
        int slot = slot(day);
        if (frauds[slot] < Short.MAX_VALUE) {
            frauds[slot]++;
        }
        if (fraudHashes == null) {
            fraudHashes = new long[FRAUD_HASHES];
        }
        fraudHashes[fraudHashCount % FRAUD_HASHES] = transactionHash;
        fraudHashCount++;
        return true;
    }

    /** Whether a fraud is known on a transaction of {@code day} or later, within the window. */
    public boolean hasFraudSince(long day) {
        if (newestDay == NONE) {
            return false;
        }
        for (long d = Math.max(day, newestDay - DAYS + 1); d <= newestDay; d++) {
            if (frauds[slot(d)] > 0) {
                return true;
            }
        }
        return false;
    }

    /** The newest day with any transaction or fraud, or {@code Long.MIN_VALUE} when empty. */
    public long newestDay() {
        return newestDay;
    }

    /**
     * Writes the {@value #FEATURES} entity features as of epoch day {@code today} into {@code
     * out[offset..]}: transactions over the previous 1, 7 and 30 complete days; confirmed frauds on
     * transactions of the last 1, 7 and 30 days (today included); the fraud share over the 1, 7 and
     * 30 days before the last {@code labelDelayDays} (days whose labels can already be known); days
     * since the newest fraud. An entity without a fraud in the window is not risky: its frauds and
     * shares are 0 and its counts and recency unknown ({@code NaN}), exactly what the job knows of
     * entities it does not broadcast.
     */
    public void features(long today, int labelDelayDays, double[] out, int offset) {
        if (newestDay == NONE || !hasFraudSince(today - DAYS + 1)) {
            notRisky(out, offset);
            return;
        }
        out[offset] = transactions(today - 1, today - 1);
        out[offset + 1] = transactions(today - 7, today - 1);
        out[offset + 2] = transactions(today - 30, today - 1);
        out[offset + 3] = frauds(today, today);
        out[offset + 4] = frauds(today - 6, today);
        out[offset + 5] = frauds(today - 29, today);
        long known = today - labelDelayDays - 1;
        out[offset + 6] = share(known, known);
        out[offset + 7] = share(known - 6, known);
        out[offset + 8] = share(known - 29, known);
        double since = Double.NaN;
        for (long d = Math.min(today, newestDay); d > newestDay - DAYS; d--) {
            if (frauds[slot(d)] > 0) {
                since = today - d;
                break;
            }
        }
        out[offset + 9] = since;
    }

    /** The features of an entity nothing is known about (or no entity at all: all unknown). */
    public static void notRisky(double[] out, int offset) {
        out[offset] = Double.NaN;
        out[offset + 1] = Double.NaN;
        out[offset + 2] = Double.NaN;
        Arrays.fill(out, offset + 3, offset + 9, 0);
        out[offset + 9] = Double.NaN;
    }

    /** Transactions on days {@code [from, to]} held in the window. */
    public long transactions(long from, long to) {
        long sum = 0;
        for (long d = Math.max(from, newestDay - DAYS + 1); d <= Math.min(to, newestDay); d++) {
            sum += transactions[slot(d)];
        }
        return sum;
    }

    /** Confirmed frauds on transactions of days {@code [from, to]} held in the window. */
    public long frauds(long from, long to) {
        long sum = 0;
        for (long d = Math.max(from, newestDay - DAYS + 1); d <= Math.min(to, newestDay); d++) {
            sum += frauds[slot(d)];
        }
        return sum;
    }

    private double share(long from, long to) {
        long n = transactions(from, to);
        return n == 0 ? 0 : Math.min(1.0, (double) frauds(from, to) / n);
    }

    /** Moves the window forward to {@code day}; false if {@code day} is already outside it. */
    private boolean advanceTo(long day) {
        if (newestDay == NONE) {
            newestDay = day;
            return true;
        }
        if (day <= newestDay) {
            return day > newestDay - DAYS;
        }
        long clear = Math.min(DAYS, day - newestDay);
        for (long d = newestDay + 1; d <= newestDay + clear; d++) {
            int slot = slot(d);
            transactions[slot] = 0;
            frauds[slot] = 0;
        }
        newestDay = day;
        return true;
    }

    private static int slot(long day) {
        return (int) Math.floorMod(day, (long) DAYS);
    }
}
