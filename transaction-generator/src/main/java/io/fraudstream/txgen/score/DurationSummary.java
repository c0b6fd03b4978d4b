package io.fraudstream.txgen.score;

import java.util.Arrays;

/**
 * Exact percentiles of a set of durations, in nanoseconds; every statistic is {@code null} when the
 * set is empty.
 *
 * <p>Percentiles use the nearest-rank method: pN is the smallest observed value v such that at
 * least N % of the values are &lt;= v, that is the value at rank ceil(N/100 * count) in ascending
 * order. Exact because the sets scored here (alerts, compromised cards) fit in memory sorted.
 *
 * @param count how many durations
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max largest
 */
public record DurationSummary(long count, Long p50, Long p90, Long p99, Long p999, Long max) {

    /** Ranks are computed in hundred-thousandths so that 99.9 % needs no floating point. */
    private static final long SCALE = 100_000;

    public static DurationSummary of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return new DurationSummary(0, null, null, null, null, null);
        }
        return new DurationSummary(
                n,
                nearestRank(sorted, 50_000),
                nearestRank(sorted, 90_000),
                nearestRank(sorted, 99_000),
                nearestRank(sorted, 99_900),
                sorted[n - 1]);
    }

    private static long nearestRank(long[] sorted, long percentileScaled) {
        long rank = (sorted.length * percentileScaled + SCALE - 1) / SCALE;
        return sorted[(int) Math.max(rank, 1) - 1];
    }
}
