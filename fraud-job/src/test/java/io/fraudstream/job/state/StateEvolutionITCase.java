package io.fraudstream.job.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that adds a field to a state class: a job whose state serializer writes format 1 is
 * stopped with a savepoint, and the next release, whose serializer writes format 2 with the new
 * field and still reads format 1, restores from it. Every key keeps its count, the new field starts
 * at its default, and new writes carry it. This is how {@link CompactSerializer}'s versioned blocks
 * let {@link AccountStateSerializer} and {@link EntityStateSerializer} evolve across savepoints:
 * the serializer class (and so its snapshot) stays the same; each value says its format.
 */
class StateEvolutionITCase {

    private static final int KEYS = 20;
    private static final int RECORDS = 2_000;

    /** The state class of the new release: {@code lastSeen} is the added field. */
    public static final class Counter {
        public long count;
        public long lastSeen = -1;
    }

    /** The test's stand-in for a release: which format the serializer writes. */
    static volatile int releaseFormat = 1;

    /** Format 1: the count. Format 2: the count and the added field. */
    public static final class CounterSerializer extends CompactSerializer<Counter> {
        private static final long serialVersionUID = 1L;

        @Override
        int version() {
            return releaseFormat;
        }

        @Override
        void write(Counter value, DataOutputView out) throws IOException {
            out.writeLong(value.count);
            if (releaseFormat >= 2) {
                out.writeLong(value.lastSeen);
            }
        }

        @Override
        Counter read(int version, DataInputView in) throws IOException {
            Counter c = new Counter();
            c.count = in.readLong();
            if (version >= 2) {
                c.lastSeen = in.readLong();
            }
            return c;
        }

        @Override
        public TypeSerializer<Counter> duplicate() {
            return new CounterSerializer();
        }

        @Override
        public Counter createInstance() {
            return new Counter();
        }

        @Override
        public TypeSerializerSnapshot<Counter> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<Counter> {
            public Snapshot() {
                super(CounterSerializer::new);
            }
        }
    }

    /** Each key's state as the function saw it on its first record after a (re)start. */
    static final Map<Long, long[]> FIRST_SEEN = new ConcurrentHashMap<>();

    static final AtomicLong PROCESSED = new AtomicLong();

    static final class Count extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Counter> state;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            state =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>("counter", new CounterSerializer()));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            Counter c = state.value();
            if (c == null) {
                c = new Counter();
            }
            FIRST_SEEN.putIfAbsent(ctx.getCurrentKey(), new long[] {c.count, c.lastSeen});
            c.count++;
            c.lastSeen = value;
            state.update(c);
            PROCESSED.incrementAndGet();
        }
    }

    @TempDir Path dir;

    /**
     * Lets each source subtask emit {@code RECORDS / 2} records per run, then parks it without
     * blocking its thread (the future never completes), so checkpoints and savepoints go on: a
     * stream that has caught up and waits for more. A restored run starts counting afresh.
     */
    static final class PerRun
            implements org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy<
                    org.apache.flink.api.connector.source.SourceSplit> {
        private static final long serialVersionUID = 1L;

        @Override
        public org.apache.flink.api.connector.source.util.ratelimit.RateLimiter<
                        org.apache.flink.api.connector.source.SourceSplit>
                createRateLimiter(int parallelism) {
            return new org.apache.flink.api.connector.source.util.ratelimit.RateLimiter<>() {
                private int emitted;

                @Override
                public java.util.concurrent.CompletionStage<Void> acquire(int events) {
                    emitted += events;
                    return emitted <= RECORDS / 2
                            ? java.util.concurrent.CompletableFuture.completedFuture(null)
                            : new java.util.concurrent.CompletableFuture<>();
                }
            };
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StreamGraph job() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataGeneratorSource<Long> source =
                new DataGeneratorSource<>(
                        i -> i, Long.MAX_VALUE, (RateLimiterStrategy) new PerRun(), Types.LONG);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers")
                .keyBy(v -> Math.floorMod(v, (long) KEYS), Types.LONG)
                .process(new Count())
                .uid("count")
                .returns(Types.LONG)
                .addSink(new DiscardingSink<>());
        return env.getStreamGraph();
    }

    @Test
    void aSavepointOfTheOldFormatRestoresIntoTheStateClassWithTheAddedField() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        try (MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build())) {
            flink.start();
            org.apache.flink.streaming.util.TestStreamEnvironment.setAsContext(flink, 2);
            try {
                releaseFormat = 1;
                JobClient old =
                        StreamExecutionEnvironment.getExecutionEnvironment().executeAsync(job());
                await().atMost(Duration.ofMinutes(2)).until(() -> PROCESSED.get() == RECORDS);
                String savepoint =
                        old.stopWithSavepoint(
                                        false,
                                        dir.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get();

                releaseFormat = 2;
                FIRST_SEEN.clear();
                StreamGraph upgraded = job();
                upgraded.setSavepointRestoreSettings(
                        SavepointRestoreSettings.forPath(savepoint, false));
                JobClient next =
                        StreamExecutionEnvironment.getExecutionEnvironment().executeAsync(upgraded);
                await().atMost(Duration.ofMinutes(2)).until(() -> PROCESSED.get() == 2L * RECORDS);
                // A second savepoint: values now in format 2 must restore too.
                String second =
                        next.stopWithSavepoint(
                                        false,
                                        dir.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get();
                Map<Long, long[]> restoredFromOld = Map.copyOf(FIRST_SEEN);
                FIRST_SEEN.clear();
                StreamGraph again = job();
                again.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(second, false));
                JobClient third =
                        StreamExecutionEnvironment.getExecutionEnvironment().executeAsync(again);
                await().atMost(Duration.ofMinutes(2)).until(() -> PROCESSED.get() == 3L * RECORDS);
                third.cancel().get();

                assertThat(restoredFromOld).hasSize(KEYS);
                restoredFromOld.forEach(
                        (key, seen) -> {
                            assertThat(seen[0]).as("count of key " + key).isEqualTo(RECORDS / KEYS);
                            assertThat(seen[1]).as("added field of key " + key).isEqualTo(-1);
                        });
                assertThat(FIRST_SEEN).hasSize(KEYS);
                FIRST_SEEN.forEach(
                        (key, seen) -> {
                            assertThat(seen[0]).isEqualTo(2L * RECORDS / KEYS);
                            // written in format 2 by the second run: one of this key's values
                            assertThat(seen[1]).isNotNegative();
                            assertThat(Math.floorMod(seen[1], (long) KEYS)).isEqualTo(key);
                        });
            } finally {
                org.apache.flink.streaming.util.TestStreamEnvironment.unsetAsContext();
            }
        }
    }
}
