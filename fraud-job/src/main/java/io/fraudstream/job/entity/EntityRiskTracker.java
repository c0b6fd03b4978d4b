package io.fraudstream.job.entity;

import io.fraudstream.job.state.EntityStateSerializer;
import io.fraudstream.model.entity.EntityHistory;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each terminal's and merchant's {@link EntityHistory} (keyed by {@code T:id} / {@code
 * M:id}): counts every transaction on its day, holds each confirmed fraud until the time it becomes
 * known (an event-time timer), then counts it and broadcasts a snapshot effective from that time.
 * While an entity has a known fraud in its window it is risky: a fresh snapshot goes out every
 * midnight (so the scoring side sees the day's transaction count), and when its last fraud leaves
 * the window a removal. Only risky entities are broadcast; the rest cost their keyed state alone
 * and are forgotten after {@value EntityHistory#DAYS} idle days.
 *
 * <p>Snapshots are emitted from timers, so every snapshot effective at or before a time is on its
 * way before the watermark passing that time: the scoring operator, holding a transaction until its
 * watermark has passed the transaction's time minus the visibility lag, reads exactly the entity as
 * it stood then.
 */
public final class EntityRiskTracker
        extends KeyedProcessFunction<String, EntityEvent, EntitySnapshot> {

    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = 86_400_000L;

    private transient ValueState<EntityState> states;
    private transient Counter frauds;
    private transient Counter lateFrauds;
    private transient Counter snapshots;
    private transient Counter expired;

    @Override
    public void open(OpenContext openContext) {
        states =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("entity", new EntityStateSerializer()));
        frauds = getRuntimeContext().getMetricGroup().counter("entityFrauds");
        lateFrauds = getRuntimeContext().getMetricGroup().counter("entityLateFrauds");
        snapshots = getRuntimeContext().getMetricGroup().counter("entitySnapshots");
        expired = getRuntimeContext().getMetricGroup().counter("entitiesExpired");
    }

    @Override
    public void processElement(EntityEvent event, Context ctx, Collector<EntitySnapshot> out)
            throws Exception {
        EntityState state = states.value();
        if (state == null) {
            state = new EntityState();
        }
        long watermark = ctx.timerService().currentWatermark();
        if (!event.isFraud()) {
            state.history.addTransaction(event.day);
        } else if (event.knownAt > watermark) {
            state.addPending(event.knownAt, event.day, event.transactionHash);
            ctx.timerService().registerEventTimeTimer(event.knownAt);
        } else {
            // Late: event time is past the moment it should have counted from. It counts from
            // now on; transactions already scored stay as they were.
            lateFrauds.inc();
            if (state.history.addFraud(event.day, event.transactionHash)) {
                frauds.inc();
                emit(ctx.getCurrentKey(), watermark + 1, state, ctx.timerService(), out);
            }
        }
        if (state.lastActiveDay == EntityState.NONE || event.day > state.lastActiveDay) {
            state.lastActiveDay = event.day;
        }
        if (state.cleanupTimer == EntityState.NONE) {
            state.cleanupTimer = cleanupDue(state);
            ctx.timerService().registerEventTimeTimer(state.cleanupTimer);
        }
        states.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EntitySnapshot> out)
            throws Exception {
        EntityState state = states.value();
        if (state == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        boolean midnight = timestamp == state.midnightTimer;
        if (midnight) {
            state.midnightTimer = EntityState.NONE;
        }
        boolean changed = applyKnown(state, timestamp);
        if (changed || midnight && risky(state, timestamp)) {
            emit(key, timestamp, state, ctx.timerService(), out);
        } else if (midnight && state.broadcast) {
            out.collect(EntitySnapshot.of(key, timestamp, null));
            snapshots.inc();
            state.broadcast = false;
        }
        if (timestamp == state.cleanupTimer) {
            long due = cleanupDue(state);
            if (due <= timestamp && state.pendingCount == 0 && !state.broadcast) {
                states.clear();
                expired.inc();
                return;
            }
            state.cleanupTimer = Math.max(due, timestamp + DAY_MS);
            ctx.timerService().registerEventTimeTimer(state.cleanupTimer);
        }
        states.update(state);
    }

    /** Counts the pending frauds known by {@code timestamp}; whether any counted. */
    private boolean applyKnown(EntityState state, long timestamp) {
        boolean changed = false;
        int kept = 0;
        for (int i = 0; i < state.pendingCount; i++) {
            if (state.pendingKnownAt[i] <= timestamp) {
                if (state.history.addFraud(state.pendingDay[i], state.pendingHash[i])) {
                    frauds.inc();
                    changed = true;
                }
            } else {
                state.pendingKnownAt[kept] = state.pendingKnownAt[i];
                state.pendingDay[kept] = state.pendingDay[i];
                state.pendingHash[kept] = state.pendingHash[i];
                kept++;
            }
        }
        state.pendingCount = kept;
        return changed;
    }

    private void emit(
            String key,
            long effectiveFrom,
            EntityState state,
            TimerService timers,
            Collector<EntitySnapshot> out) {
        out.collect(EntitySnapshot.of(key, effectiveFrom, state.history.copy()));
        snapshots.inc();
        state.broadcast = true;
        if (state.midnightTimer == EntityState.NONE) {
            state.midnightTimer = (Math.floorDiv(effectiveFrom, DAY_MS) + 1) * DAY_MS;
            timers.registerEventTimeTimer(state.midnightTimer);
        }
    }

    private static boolean risky(EntityState state, long timestamp) {
        long today = Math.floorDiv(timestamp, DAY_MS);
        return state.history.hasFraudSince(today - EntityHistory.DAYS + 1);
    }

    /** The start of the first day after the window of the entity's last activity. */
    private static long cleanupDue(EntityState state) {
        return (state.lastActiveDay + EntityHistory.DAYS + 1) * DAY_MS;
    }
}
