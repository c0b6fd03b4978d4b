package io.fraudstream.model.card;

/**
 * Everything the job remembers about one account, in compact form: a short ring of the most recent
 * transactions, spend in time buckets, running decayed moments of its amounts, the last
 * card-present location, the probe run of a card test, the last alert, the activity windows of the
 * model's card features ({@link CardActivity}) and the verdicts on the card ({@link CardVerdicts}).
 * Its size is bounded whatever the account's volume (no list of every transaction). A Flink POJO:
 * public fields and a no-arg constructor, serialized without Kryo; fields are mutated in place on
 * the heap backend.
 */
public class AccountState {

    /** No value yet, for time fields. */
    public static final long NONE = Long.MIN_VALUE;

    /** An empty spend bucket. */
    public static final int NO_BUCKET = Integer.MIN_VALUE;

    // Most recent transactions by event time, ascending; recentCount of them are filled.
    public long[] recentTimes;
    public String[] recentIds;
    public int recentCount;

    // Spend per time bucket, as a ring: slot i holds bucket spendBucket[i] (bucket = time / width;
    // the width is at least 25 s, so an int holds it for a thousand years), NO_BUCKET when empty.
    public int[] spendBucket;
    public float[] spendSum;

    // The long-horizon profile, decayed with the profile half-life as of profileTime:
    // weight, sum and sum of squares of log(1 + amount), and the decayed sum of amounts.
    public double profileWeight;
    public double profileSum;
    public double profileSumSquares;
    public double profileSpend;
    public long profileTime = NONE;
    public int profileCount;
    public long firstSeen = NONE;
    public long lastSeen = NONE;

    // Card testing: the current run of probe amounts.
    public int probeCount;
    public long lastProbeTime = NONE;

    // Impossible travel: the last card-present transaction with coordinates.
    public double lastLat;
    public double lastLon;
    public long lastPresentTime = NONE;

    // Suppression: the last alert emitted, and its severity (ordinal; -1 none).
    public long lastAlertTime = NONE;
    public int lastAlertSeverity = -1;

    // The event-time timer that forgets the account when it stays idle, and the newest event
    // time of a transaction or verdict it counts from.
    public long cleanupTimer = NONE;
    public long lastActivity = NONE;

    // Transactions waiting in the scoring operator's list state for the watermark.
    public int heldCount;

    // The model's card features: activity per hour and per day.
    public CardActivity activity = new CardActivity();

    // Verdicts on the card: pending until they are known, and whether it is compromised.
    public CardVerdicts verdicts = new CardVerdicts();

    public AccountState() {}

    /** A fresh state keeping {@code recentCapacity} recent transactions and spend buckets. */
    public static AccountState create(int recentCapacity, int spendBuckets) {
        AccountState state = new AccountState();
        state.recentTimes = new long[recentCapacity];
        state.recentIds = new String[recentCapacity];
        state.spendBucket = new int[spendBuckets];
        java.util.Arrays.fill(state.spendBucket, NO_BUCKET);
        state.spendSum = new float[spendBuckets];
        return state;
    }

    /**
     * Inserts a transaction into the recent ring, keeping event-time order; when full, the oldest
     * drops out (or the new one, if it is older than everything kept).
     */
    public void remember(long time, String transactionId) {
        int capacity = recentTimes.length;
        if (recentCount == capacity) {
            if (time < recentTimes[0]) {
                return;
            }
            System.arraycopy(recentTimes, 1, recentTimes, 0, capacity - 1);
            System.arraycopy(recentIds, 1, recentIds, 0, capacity - 1);
            recentCount--;
        }
        int i = recentCount;
        while (i > 0 && recentTimes[i - 1] > time) {
            recentTimes[i] = recentTimes[i - 1];
            recentIds[i] = recentIds[i - 1];
            i--;
        }
        recentTimes[i] = time;
        recentIds[i] = transactionId;
        recentCount++;
    }

    /** How many remembered transactions lie in {@code (from, to]}. */
    public int countRecent(long from, long to) {
        int count = 0;
        for (int i = 0; i < recentCount; i++) {
            if (recentTimes[i] > from && recentTimes[i] <= to) {
                count++;
            }
        }
        return count;
    }
}
