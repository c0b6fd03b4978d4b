package io.fraudstream.job.entity;

import io.fraudstream.model.entity.EntityHistory;

/**
 * The entity tracker's keyed state for one terminal or merchant: its history, the frauds waiting
 * for the time they become known, and its timers. A Flink POJO.
 */
public class EntityState {

    public static final long NONE = Long.MIN_VALUE;

    public EntityHistory history = new EntityHistory();

    // Frauds not yet known, in no particular order: when each counts, its day and its hash.
    public long[] pendingKnownAt;
    public long[] pendingDay;
    public long[] pendingHash;
    public int pendingCount;

    /** The next midnight snapshot of a risky entity, or none. */
    public long midnightTimer = NONE;

    /** The timer that forgets an idle entity, or none. */
    public long cleanupTimer = NONE;

    /** Epoch day of the newest transaction or fraud seen. */
    public long lastActiveDay = NONE;

    /** Whether scoring subtasks hold a snapshot of this entity (so they must hear when it ends). */
    public boolean broadcast;

    public EntityState() {}

    public void addPending(long knownAt, long day, long hash) {
        if (pendingKnownAt == null) {
            pendingKnownAt = new long[2];
            pendingDay = new long[2];
            pendingHash = new long[2];
        }
        if (pendingCount == pendingKnownAt.length) {
            pendingKnownAt = java.util.Arrays.copyOf(pendingKnownAt, pendingCount * 2);
            pendingDay = java.util.Arrays.copyOf(pendingDay, pendingCount * 2);
            pendingHash = java.util.Arrays.copyOf(pendingHash, pendingCount * 2);
        }
        pendingKnownAt[pendingCount] = knownAt;
        pendingDay[pendingCount] = day;
        pendingHash[pendingCount] = hash;
        pendingCount++;
    }
}
