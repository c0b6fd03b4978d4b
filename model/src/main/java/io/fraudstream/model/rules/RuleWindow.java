package io.fraudstream.model.rules;

import java.time.Duration;
import java.util.Arrays;

/**
 * One rule's aggregate for one group key, over its sliding event-time window, in compact form: at
 * most {@value #BUCKETS} time buckets of {@code window / BUCKETS} each with running count, sum, min
 * and max (no list of transactions; evaluating costs at most {@value #BUCKETS} steps, whatever the
 * volume), and for {@code DISTINCT_COUNT} the values seen with their last time, up to {@value
 * #MAX_DISTINCT}.
 *
 * <p><b>Sparse.</b> Only buckets that hold a transaction are kept, in arrays that start with room
 * for {@value #INITIAL} and grow to {@value #BUCKETS}: most groups (a card, a terminal) see one or
 * two transactions per window, and a window with one bucket holds about 130 bytes (150 with the one
 * running value its function needs: a sum for SUM and AVG, a minimum, a maximum) instead of the 300
 * to 700 of a full ring of buckets with all of them.
 *
 * <p><b>Edges.</b> The window ending at {@code t} holds the buckets after the one holding {@code t
 * - window}, up to {@code b(t) = floor(t / width)}: a transaction counts while its bucket is in it,
 * from its own time for between {@code window - width} and {@code window}, never longer. {@code
 * DISTINCT_COUNT} is exact in time: a value counts when it was last seen in {@code (t - window,
 * t]}; it is exact up to {@value #MAX_DISTINCT} distinct values and reports {@value #MAX_DISTINCT}
 * beyond. A transaction whose bucket is {@value #BUCKETS} or more buckets older than the newest one
 * is not added (it could not count in any window ending at or after the newest transaction; it is
 * evaluated against what remains). A Flink POJO: public fields, no-arg constructor.
 */
public class RuleWindow {

    public static final int BUCKETS = 16;

    public static final int MAX_DISTINCT = 64;

    /** Room for buckets in a new window. */
    static final int INITIAL = 2;

    private static final long EMPTY = Long.MIN_VALUE;

    /** The index of each kept bucket, in {@code [0, used)}, in no particular order. */
    public long[] bucket;

    /** How many entries of the bucket arrays are in use. */
    public int used;

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
        if (function == Rule.Function.DISTINCT_COUNT) {
            w.distinctHash = new long[4];
            w.distinctTime = new long[4];
            return w; // the distinct values carry their own times: no buckets
        }
        w.bucket = new long[INITIAL];
        w.count = new int[INITIAL];
        // only what the function needs: a sum for SUM and AVG, a minimum for MIN, a maximum for MAX
        switch (function) {
            case SUM, AVG -> w.sum = new double[INITIAL];
            case MIN -> w.min = new double[INITIAL];
            case MAX -> w.max = new double[INITIAL];
            default -> {}
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
        long top = newest == EMPTY ? b : Math.max(b, Math.floorDiv(newest, width));
        if (b <= top - BUCKETS) {
            return false; // no window ending at or after the newest transaction holds it
        }
        if (distinctHash != null) {
            addDistinct(time, windowMs, hash);
        } else {
            int i = slot(b, top);
            count[i]++;
            if (sum != null) {
                sum[i] += value;
            }
            if (min != null) {
                min[i] = Math.min(min[i], value);
            }
            if (max != null) {
                max[i] = Math.max(max[i], value);
            }
        }
        newest = Math.max(newest, time);
        return true;
    }

    /** The entry of bucket {@code b}, made (empty) if there is none, dropping buckets gone by. */
    private int slot(long b, long top) {
        for (int i = 0; i < used; i++) {
            if (bucket[i] == b) {
                return i;
            }
        }
        // buckets no window ending at or after top can hold make room first
        int kept = 0;
        for (int i = 0; i < used; i++) {
            if (bucket[i] > top - BUCKETS) {
                if (kept != i) {
                    bucket[kept] = bucket[i];
                    count[kept] = count[i];
                    if (sum != null) {
                        sum[kept] = sum[i];
                    }
                    if (min != null) {
                        min[kept] = min[i];
                    }
                    if (max != null) {
                        max[kept] = max[i];
                    }
                }
                kept++;
            }
        }
        used = kept;
        if (used == bucket.length) {
            // at most BUCKETS buckets lie in (top - BUCKETS, top]: the arrays never outgrow it
            int grown = Math.min(BUCKETS, bucket.length * 2);
            bucket = Arrays.copyOf(bucket, grown);
            count = Arrays.copyOf(count, grown);
            sum = sum == null ? null : Arrays.copyOf(sum, grown);
            min = min == null ? null : Arrays.copyOf(min, grown);
            max = max == null ? null : Arrays.copyOf(max, grown);
        }
        int i = used++;
        bucket[i] = b;
        count[i] = 0;
        if (sum != null) {
            sum[i] = 0;
        }
        if (min != null) {
            min[i] = Double.POSITIVE_INFINITY;
        }
        if (max != null) {
            max[i] = Double.NEGATIVE_INFINITY;
        }
        return i;
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
        for (int i = 0; i < used; i++) {
            long k = bucket[i];
            if (k > b || k <= oldestOut) {
                continue;
            }
            n += count[i];
            if (sum != null) {
                s += sum[i];
            }
            if (min != null) {
                lo = Math.min(lo, min[i]);
            }
            if (max != null) {
                hi = Math.max(hi, max[i]);
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
