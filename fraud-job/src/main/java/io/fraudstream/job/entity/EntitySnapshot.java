package io.fraudstream.job.entity;

import io.fraudstream.model.entity.EntityHistory;

/**
 * A risky entity's history as it stands from {@code effectiveFrom} on, broadcast to every scoring
 * subtask; a null history says the entity is no longer risky (its last fraud left the window). A
 * Flink POJO.
 */
public class EntitySnapshot {

    public String key;
    public long effectiveFrom;
    public EntityHistory history;

    public EntitySnapshot() {}

    public static EntitySnapshot of(String key, long effectiveFrom, EntityHistory history) {
        EntitySnapshot snapshot = new EntitySnapshot();
        snapshot.key = key;
        snapshot.effectiveFrom = effectiveFrom;
        snapshot.history = history;
        return snapshot;
    }
}
