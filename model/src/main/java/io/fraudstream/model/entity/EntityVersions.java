package io.fraudstream.model.entity;

import java.util.Arrays;

/**
 * An entity's history as it stood from a few points in event time on, so a transaction at time
 * {@code T} reads exactly what was known at {@code T} whatever order the versions arrived in. A
 * Flink POJO of the scoring operator's broadcast state.
 */
public class EntityVersions {

    /**
     * Most versions kept. The scoring operator prunes by its watermark, so only the versions of the
     * stretch of event time between its watermark and the tracker's are held: a handful normally,
     * dozens for a terminal whose chargebacks arrive in a burst while the scoring side lags. Only
     * beyond this the oldest go, and transactions reading them see the entity as not risky.
     */
    public static final int MAX_VERSIONS = 256;

    /** Ascending effective times, {@code count} of them set. */
    public long[] from = new long[2];

    /** The history effective from {@code from[i]}; null means the entity stopped being risky. */
    public EntityHistory[] histories = new EntityHistory[2];

    public int count;

    public EntityVersions() {}

    /**
     * Adds the history effective from {@code effective}; a null history marks the end of risk.
     *
     * @return whether the oldest version had to go to make room (at {@link #MAX_VERSIONS})
     */
    public boolean add(long effective, EntityHistory history) {
        int i = count;
        while (i > 0 && from[i - 1] > effective) {
            i--;
        }
        if (i > 0 && from[i - 1] == effective) {
            histories[i - 1] = history;
            return false;
        }
        boolean dropped = count == MAX_VERSIONS;
        if (dropped) {
            // Drop the oldest: transactions that far behind are late anyway.
            System.arraycopy(from, 1, from, 0, count - 1);
            System.arraycopy(histories, 1, histories, 0, count - 1);
            count--;
            i = Math.max(0, i - 1);
        }
        if (count == from.length) {
            from = Arrays.copyOf(from, count * 2);
            histories = Arrays.copyOf(histories, count * 2);
        }
        System.arraycopy(from, i, from, i + 1, count - i);
        System.arraycopy(histories, i, histories, i + 1, count - i);
        from[i] = effective;
        histories[i] = history;
        count++;
        return dropped;
    }

    /** The history effective at {@code asOf}, or null when none was (or it ended). */
    public EntityHistory at(long asOf) {
        for (int i = count - 1; i >= 0; i--) {
            if (from[i] <= asOf) {
                return histories[i];
            }
        }
        return null;
    }

    /**
     * Drops every version superseded before {@code before}: the newest version effective at {@code
     * before} stays, as do all later ones.
     *
     * @return whether nothing remains that any transaction at or after {@code before} could read
     */
    public boolean pruneBefore(long before) {
        int keepFrom = 0;
        for (int i = count - 1; i >= 0; i--) {
            if (from[i] <= before) {
                keepFrom = i;
                break;
            }
        }
        if (keepFrom > 0) {
            System.arraycopy(from, keepFrom, from, 0, count - keepFrom);
            System.arraycopy(histories, keepFrom, histories, 0, count - keepFrom);
            Arrays.fill(histories, count - keepFrom, count, null);
            count -= keepFrom;
        }
        return count == 1 && from[0] <= before && histories[0] == null;
    }
}
