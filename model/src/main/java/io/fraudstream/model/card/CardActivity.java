package io.fraudstream.model.card;

/**
 * A card's recent activity for the model's features: transaction counts and amounts per hour over
 * the last 24 hours and per day over the last 30 days, as rings (never a list of transactions). 24
 * hours is exact to the hour, 7 and 30 days to the day. Counts are shorts and sums floats: 330
 * bytes whatever the card's volume. A Flink POJO, a part of {@link AccountState}.
 */
public class CardActivity {

    public static final int HOURS = 24;
    public static final int DAYS = 30;

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long NONE = Long.MIN_VALUE;

    public long newestHour = NONE;
    public short[] hourCount = new short[HOURS];
    public float[] hourSum = new float[HOURS];

    public long newestDay = NONE;
    public short[] dayCount = new short[DAYS];
    public float[] daySum = new float[DAYS];

    public CardActivity() {}

    /** Records a transaction; one older than a ring's span no longer counts in that ring. */
    public void add(long time, double amount) {
        long hour = Math.floorDiv(time, HOUR_MS);
        newestHour = advance(hourCount, hourSum, newestHour, hour);
        if (hour > newestHour - HOURS) {
            int slot = (int) Math.floorMod(hour, (long) HOURS);
            hourCount[slot] = saturated(hourCount[slot]);
            hourSum[slot] += (float) amount;
        }
        long day = Math.floorDiv(time, DAY_MS);
        newestDay = advance(dayCount, daySum, newestDay, day);
        if (day > newestDay - DAYS) {
            int slot = (int) Math.floorMod(day, (long) DAYS);
            dayCount[slot] = saturated(dayCount[slot]);
            daySum[slot] += (float) amount;
        }
    }

    /**
     * Transactions in the 24 hours ending with the hour of {@code time} (hours {@code (h - 24,
     * h]}), and their sum into {@code sum[0]}.
     */
    public int lastDay(long time, double[] sum) {
        long hour = Math.floorDiv(time, HOUR_MS);
        return window(hourCount, hourSum, newestHour, hour, HOURS, sum);
    }

    /** Transactions on the {@code days} days ending with the day of {@code time}; sum as above. */
    public int lastDays(long time, int days, double[] sum) {
        long day = Math.floorDiv(time, DAY_MS);
        return window(dayCount, daySum, newestDay, day, days, sum);
    }

    private static int window(
            short[] counts, float[] sums, long newest, long end, int span, double[] sum) {
        sum[0] = 0;
        if (newest == NONE) {
            return 0;
        }
        int ring = counts.length;
        int count = 0;
        for (long b = Math.max(end - span + 1, newest - ring + 1);
                b <= Math.min(end, newest);
                b++) {
            int slot = (int) Math.floorMod(b, (long) ring);
            count += counts[slot];
            sum[0] += sums[slot];
        }
        return count;
    }

    private static long advance(short[] counts, float[] sums, long newest, long bucket) {
        if (newest == NONE) {
            return bucket;
        }
        if (bucket <= newest) {
            return newest;
        }
        int ring = counts.length;
        long clear = Math.min(ring, bucket - newest);
        for (long b = newest + 1; b <= newest + clear; b++) {
            int slot = (int) Math.floorMod(b, (long) ring);
            counts[slot] = 0;
            sums[slot] = 0;
        }
        return bucket;
    }

    private static short saturated(short count) {
        return count == Short.MAX_VALUE ? count : (short) (count + 1);
    }
}
