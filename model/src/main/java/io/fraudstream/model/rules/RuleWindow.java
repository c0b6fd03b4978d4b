package io.fraudstream.model.rules;

import java.time.Duration;
import java.util.Arrays;

/**
 * One rule's aggregate for one group key, over its sliding event-time window, in compact form:
 * {@value #BUCKETS} time buckets of {@code window / BUCKETS} each with running count, sum, min and
 * max (no list of transactions; evaluating costs {@value #BUCKETS} steps, whatever the volume), and
 * for {@code DISTINCT_COUNT} the values seen with their last time, up to {@value #MAX_DISTINCT}.
 *
 * <p><b>Edges.</b> The window ending at {@code t} holds the buckets after the one holding {@code t
 * - window}, up to {@code b(t) = floor(t / width)}: a transaction counts while its bucket is in it,
 * from its own time for between {@code window - width} and {@code window}, never longer. {@code
 * DISTINCT_COUNT} is exact in time: a value counts when it was last seen in {@code (t - window,
 * t]}; it is exact up to {@value #MAX_DISTINCT} distinct values and reports {@value #MAX_DISTINCT}
 * beyond. A transaction older than the window's oldest bucket is not added (it is evaluated against
 * what remains). A Flink POJO: public fields, no-arg constructor.
 */
public class RuleWindow {

    public static final int BUCKETS = 16;

    public static final int MAX_DISTINCT = 64;

    private static final long EMPTY = Long.MIN_VALUE;

    /** The bucket index each slot holds ({@code slot = index mod BUCKETS}), or empty. */
    public long[] bucket;

    public int[] count;
    public double[] sum;
    public double[] min;
    public double[] max;

    /** Distinct values (hashes) and the time each was last seen; null unless DISTINCT_COUNT. */
    public long[] distinctHash;

    public long[] distinctTime;
    public int distinctCount;

    /** The newest event time added, for clean-up. */
    public long newest = EMPTY;

    /**
     * What the window was built for ({@link RuleEvaluator#shape}): a new version of a rule keeps
     * its windows while function, field and window stay the same, and starts afresh otherwise.
     */
    public long shape;

    /** When the rule last hit for this group (its cooldown runs from there), or empty. */
    public long lastHit = EMPTY;

    public RuleWindow() {}

    /** A window for the given aggregate. */
    public static RuleWindow create(Rule.Function function) {
        RuleWindow w = new RuleWindow();
        w.bucket = new long[BUCKETS];
        Arrays.fill(w.bucket, EMPTY);
        w.count = new int[BUCKETS];
        if (function == Rule.Function.DISTINCT_COUNT) {
            w.distinctHash = new long[4];
            w.distinctTime = new long[4];
        } else if (function != Rule.Function.COUNT) {
            w.sum = new double[BUCKETS];
            w.min = new double[BUCKETS];
            w.max = new double[BUCKETS];
        }
        return w;
    }

    /** The width of a bucket of {@code window}, at least 1 ms. */
    public static long width(Duration window) {
        return Math.max(1, (window.toMillis() + BUCKETS - 1) / BUCKETS);
    }

    /**
     * Adds a matching transaction: its time, the aggregated field's value (ignored by COUNT and
     * DISTINCT_COUNT) and the hash of the distinct value (DISTINCT_COUNT only).
     *
     * @return whether it was added (false: older than the window's oldest bucket)
     */
    public boolean add(long time, long width, long windowMs, double value, long hash) {
        long b = Math.floorDiv(time, width);
        int slot = (int) Math.floorMod(b, BUCKETS);
        if (bucket[slot] != b) {
            if (bucket[slot] != EMPTY && bucket[slot] > b) {
                return false; // its bucket has been reused by a newer one
            }
            bucket[slot] = b;
            count[slot] = 0;
            if (sum != null) {
                sum[slot] = 0;
                min[slot] = Double.POSITIVE_INFINITY;
                max[slot] = Double.NEGATIVE_INFINITY;
            }
        }
        count[slot]++;
        if (sum != null) {
            sum[slot] += value;
            min[slot] = Math.min(min[slot], value);
            max[slot] = Math.max(max[slot], value);
        }
        if (distinctHash != null) {
            addDistinct(time, windowMs, hash);
        }
        newest = Math.max(newest, time);
        return true;
    }

    /** The aggregate over the window ending at {@code time}; NaN when nothing is in it. */
    public double aggregate(Rule.Function function, long time, long width, long windowMs) {
        if (function == Rule.Function.DISTINCT_COUNT) {
            int n = 0;
            for (int i = 0; i < distinctCount; i++) {
                if (distinctTime[i] > time - windowMs && distinctTime[i] <= time) {
                    n++;
                }
            }
            return n == 0 ? Double.NaN : n;
        }
        long b = Math.floorDiv(time, width);
        // the bucket holding time - window and older are out: nothing counts longer than the
        // window, even when the window is not a multiple of BUCKETS milliseconds
        long oldestOut = Math.max(b - BUCKETS, Math.floorDiv(time - windowMs, width));
        long n = 0;
        double s = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int slot = 0; slot < BUCKETS; slot++) {
            long k = bucket[slot];
            if (k == EMPTY || k > b || k <= oldestOut) {
                continue;
            }
            n += count[slot];
            if (sum != null) {
                s += sum[slot];
                lo = Math.min(lo, min[slot]);
                hi = Math.max(hi, max[slot]);
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return switch (function) {
            case COUNT -> n;
            case SUM -> s;
            case AVG -> s / n;
            case MIN -> lo;
            case MAX -> hi;
            case DISTINCT_COUNT -> throw new IllegalStateException("handled above");
        };
    }

    /** Whether nothing in it can count any more at {@code time}: its state can go. */
    public boolean idleAt(long time, long windowMs) {
        return newest == EMPTY || newest <= time - windowMs;
    }

    private void addDistinct(long time, long windowMs, long hash) {
        for (int i = 0; i < distinctCount; i++) {
            if (distinctHash[i] == hash) {
                distinctTime[i] = Math.max(distinctTime[i], time);
                return;
            }
        }
        // Drop values that left the window before growing; when full, replace the stalest.
        long now = Math.max(newest, time);
        if (distinctCount == distinctHash.length) {
            int kept = 0;
            for (int i = 0; i < distinctCount; i++) {
                if (distinctTime[i] > now - windowMs) {
                    distinctHash[kept] = distinctHash[i];
                    distinctTime[kept] = distinctTime[i];
                    kept++;
                }
            }
            distinctCount = kept;
        }
        if (distinctCount == distinctHash.length && distinctCount < MAX_DISTINCT) {
            int grown = Math.min(MAX_DISTINCT, distinctCount * 2);
            distinctHash = Arrays.copyOf(distinctHash, grown);
            distinctTime = Arrays.copyOf(distinctTime, grown);
        }
        if (distinctCount < distinctHash.length) {
            distinctHash[distinctCount] = hash;
            distinctTime[distinctCount] = time;
            distinctCount++;
            return;
        }
        int stalest = 0;
        for (int i = 1; i < distinctCount; i++) {
            if (distinctTime[i] < distinctTime[stalest]) {
                stalest = i;
            }
        }
        if (distinctTime[stalest] < time) {
            distinctHash[stalest] = hash;
            distinctTime[stalest] = time;
        }
    }
}
