package io.fraudstream.job.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.model.entity.EntityHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entity tracker: counts transactions per day, holds a fraud until it is known, broadcasts
 * risky entities (at the fraud's time and every midnight), says when one stops being risky, and
 * forgets idle entities.
 */
class EntityRiskTrackerTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final long DAY0 = T0.toEpochMilli() / DAY;
    private static final String KEY = "T:term-1";

    private KeyedOneInputStreamOperatorTestHarness<String, EntityEvent, EntitySnapshot> harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EntityRiskTracker(), e -> e.key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aFraudIsBroadcastOnlyOnceKnownAndThenEveryMidnightWhileRisky() throws Exception {
        long known = T0.plus(Duration.ofHours(2)).toEpochMilli();
        harness.processElement(EntityEvent.transaction(KEY, DAY0 - 1), T0.toEpochMilli() - DAY);
        harness.processElement(EntityEvent.fraud(KEY, DAY0 - 1, known, 7), known);
        harness.processWatermark(known - 1);
        assertThat(snapshots()).isEmpty();

        harness.processWatermark(known);
        assertThat(snapshots()).hasSize(1);
        EntitySnapshot first = snapshots().get(0);
        assertThat(first.key).isEqualTo(KEY);
        assertThat(first.effectiveFrom).isEqualTo(known);
        assertThat(first.history.frauds(DAY0 - 1, DAY0 - 1)).isEqualTo(1);
        assertThat(first.history.transactions(DAY0 - 1, DAY0 - 1)).isEqualTo(1);

        harness.processWatermark((DAY0 + 3) * DAY);
        assertThat(snapshots())
                .extracting(s -> s.effectiveFrom)
                .containsExactly(known, (DAY0 + 1) * DAY, (DAY0 + 2) * DAY, (DAY0 + 3) * DAY);
    }

    @Test
    void whenItsLastFraudLeavesTheWindowTheEntityEndsAndIsForgotten() throws Exception {
        harness.processElement(
                EntityEvent.fraud(KEY, DAY0, T0.toEpochMilli(), 1), T0.toEpochMilli());
        harness.processWatermark((DAY0 + EntityHistory.DAYS + 1) * DAY);

        EntitySnapshot last = snapshots().get(snapshots().size() - 1);
        assertThat(last.history).as("the removal").isNull();
        assertThat(last.effectiveFrom).isEqualTo((DAY0 + EntityHistory.DAYS) * DAY);
        assertThat(snapshots()).hasSize(EntityHistory.DAYS + 1);

        harness.processWatermark((DAY0 + 2 * EntityHistory.DAYS + 3) * DAY);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSecondVerdictOnTheSameTransactionCountsOnce() throws Exception {
        long known = T0.toEpochMilli();
        harness.processElement(EntityEvent.fraud(KEY, DAY0, known, 9), known);
        harness.processElement(EntityEvent.fraud(KEY, DAY0, known + 1000, 9), known + 1000);
        harness.processWatermark(known + 2000);

        assertThat(snapshots()).hasSize(1);
        assertThat(snapshots().get(0).history.frauds(DAY0, DAY0)).isEqualTo(1);
    }

    @Test
    void anEntityWithoutFraudIsNeverBroadcastAndForgottenWhenIdle() throws Exception {
        for (int i = 0; i < 10; i++) {
            harness.processElement(EntityEvent.transaction(KEY, DAY0), T0.toEpochMilli() + i);
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark((DAY0 + EntityHistory.DAYS + 2) * DAY);

        assertThat(snapshots()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateFraudCountsFromNowOn() throws Exception {
        harness.processWatermark(T0.toEpochMilli());
        harness.processElement(
                EntityEvent.fraud(KEY, DAY0, T0.toEpochMilli() - 60_000, 3), T0.toEpochMilli());

        assertThat(snapshots()).hasSize(1);
        assertThat(snapshots().get(0).effectiveFrom).isEqualTo(T0.toEpochMilli() + 1);
    }

    private List<EntitySnapshot> snapshots() {
        return harness.extractOutputValues();
    }
}
