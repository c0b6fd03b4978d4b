package io.fraudstream.model.card;

/**
 * A card's recent activity for the model's features: transaction counts and amounts per hour over
 * the last 24 hours and per day over the last 30 days, as rings (never a list of transactions). 24
 * hours is exact to the hour, 7 and 30 days to the day. Hourly counts are unsigned bytes (at most
 * 255 an hour, saturating), daily counts shorts and sums floats: about 300 bytes whatever the
 * card's volume. A Flink POJO, a part of {@link AccountState}.
 */
public class CardActivity {

    public static final int HOURS = 24;
    public static final int DAYS = 30;

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long NONE = Long.MIN_VALUE;

    public long newestHour = NONE;
    public byte[] hourCount = new byte[HOURS];
    public float[] hourSum = new float[HOURS];

    public long newestDay = NONE;
    public short[] dayCount = new short[DAYS];
    public float[] daySum = new float[DAYS];

    public CardActivity() {}

    /** Records a transaction; one older than a ring's span no longer counts in that ring. */
    public void add(long time, double amount) {
        long hour = Math.floorDiv(time, HOUR_MS);
        if (newestHour != NONE && hour > newestHour) {
            clear(hourSum, newestHour, hour);
            long clear = Math.min(HOURS, hour - newestHour);
            for (long b = newestHour + 1; b <= newestHour + clear; b++) {
                hourCount[(int) Math.floorMod(b, (long) HOURS)] = 0;
            }
        }
        newestHour = newestHour == NONE ? hour : Math.max(newestHour, hour);
        if (hour > newestHour - HOURS) {
            int slot = (int) Math.floorMod(hour, (long) HOURS);
            if (hourCount[slot] != (byte) 0xFF) {
                hourCount[slot]++;
            }
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
        sum[0] = 0;
        if (newestHour == NONE) {
            return 0;
        }
        int count = 0;
        for (long b = Math.max(hour - HOURS + 1, newestHour - HOURS + 1);
                b <= Math.min(hour, newestHour);
                b++) {
            int slot = (int) Math.floorMod(b, (long) HOURS);
            count += hourCount[slot] & 0xFF;
            sum[0] += hourSum[slot];
        }
        return count;
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

    /** Zeroes the sums of the buckets after {@code newest} up to {@code bucket}. */
    private static void clear(float[] sums, long newest, long bucket) {
        int ring = sums.length;
        long clear = Math.min(ring, bucket - newest);
        for (long b = newest + 1; b <= newest + clear; b++) {
            sums[(int) Math.floorMod(b, (long) ring)] = 0;
        }
    }

    private static short saturated(short count) {
        return count == Short.MAX_VALUE ? count : (short) (count + 1);
    }
}
