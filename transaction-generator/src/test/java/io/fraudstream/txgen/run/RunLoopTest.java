package io.fraudstream.txgen.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.txgen.sink.RecordSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing by count and by event time, limits and stops, on a fake clock. */
class RunLoopTest {

    /** A clock that only moves when the loop parks, and records when each record was sent. */
    private static final class FakeClock implements RunLoop.Clock {
        long now = 1_000_000_000L;
        int parks;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkNanos(long nanos) {
            parks++;
            now += nanos;
        }
    }

    /** Records 0, 1, 2, ... with event times {@code step} ms apart; remembers send times. */
    private static final class Numbers implements RecordSource {
        final FakeClock clock;
        final long count;
        final long stepMillis;
        final List<Long> sentAtNanos = new ArrayList<>();
        long next = -1;
        boolean finished;

        Numbers(FakeClock clock, long count, long stepMillis) {
            this.clock = clock;
            this.count = count;
            this.stepMillis = stepMillis;
        }

        @Override
        public boolean next() {
            return ++next < count;
        }

        @Override
        public long eventTimeMillis() {
            return 5_000 + next * stepMillis;
        }

        @Override
        public void send(RecordSink sink) {
            sentAtNanos.add(clock.now);
        }

        @Override
        public void finish(RecordSink sink) {
            finished = true;
        }
    }

    private static final RecordSink NO_SINK =
            new RecordSink() {

                @Override
                public void transaction(byte[] key, byte[] value, GroundTruth label) {}

                @Override
                public void malformed(byte[] key, byte[] value) {}

                @Override
                public void verdict(byte[] key, byte[] value) {}

                @Override
                public void flush() {}

                @Override
                public long failed() {
                    return 0;
                }

                @Override
                public Exception firstFailure() {
                    return null;
                }

                @Override
                public long labels() {
                    return 0;
                }

                @Override
                public long verdicts() {
                    return 0;
                }

                @Override
                public void close() {}
            };

    private final FakeClock clock = new FakeClock();
    private final RunLoop loop = new RunLoop(clock);

    @Test
    void aRateSendsWhatIsDueEachMillisecondAndNeverAhead() throws Exception {
        Numbers source = new Numbers(clock, Long.MAX_VALUE, 1);
        long start = clock.now;

        RunLoop.End end =
                loop.run(
                        source,
                        NO_SINK,
                        Pacing.perSecond(100_000),
                        50_000,
                        Long.MAX_VALUE,
                        () -> false);

        assertThat(end).isEqualTo(RunLoop.End.COUNT);
        assertThat(source.sentAtNanos).hasSize(50_000);
        for (int i = 0; i < source.sentAtNanos.size(); i++) {
            long due = start + (long) (i * 1e9 / 100_000);
            assertThat(source.sentAtNanos.get(i) - due)
                    .as("record %d sent at its due time or within the next millisecond", i)
                    .isBetween(0L, 1_000_000L);
        }
        assertThat(clock.now - start).isBetween(499_000_000L, 501_000_000L);
        assertThat(clock.parks).as("one park per millisecond tick").isBetween(499, 501);
    }

    @Test
    void aRateWithADurationSendsExactlyRateTimesDuration() throws Exception {
        Numbers source = new Numbers(clock, Long.MAX_VALUE, 1);

        RunLoop.End end =
                loop.run(
                        source,
                        NO_SINK,
                        Pacing.perSecond(5_000),
                        Long.MAX_VALUE,
                        3_000_000_000L,
                        () -> false);

        assertThat(end).isEqualTo(RunLoop.End.DURATION);
        assertThat(source.sentAtNanos).hasSize(15_000);
        assertThat(loop.sent()).isEqualTo(15_000);
    }

    @Test
    void eventTimePacingFollowsTheGapsAtTheSpeedFactor() throws Exception {
        // Records 10 s apart in event time, at 100x: one every 100 ms of wall time.
        Numbers source = new Numbers(clock, 20, 10_000);
        long start = clock.now;

        RunLoop.End end =
                loop.run(
                        source,
                        NO_SINK,
                        Pacing.eventTime(100),
                        Long.MAX_VALUE,
                        Long.MAX_VALUE,
                        () -> false);

        assertThat(end).isEqualTo(RunLoop.End.EXHAUSTED);
        for (int i = 0; i < 20; i++) {
            assertThat(source.sentAtNanos.get(i) - start)
                    .isBetween(i * 100_000_000L, i * 100_000_000L + 1_000_000L);
        }
    }

    @Test
    void asFastAsPossibleNeverParksUntilTheSourceEnds() throws Exception {
        Numbers source = new Numbers(clock, 100_000, 1);

        RunLoop.End end =
                loop.run(
                        source,
                        NO_SINK,
                        Pacing.asFastAsPossible(),
                        Long.MAX_VALUE,
                        Long.MAX_VALUE,
                        () -> false);

        assertThat(end).isEqualTo(RunLoop.End.EXHAUSTED);
        assertThat(source.sentAtNanos).hasSize(100_000);
        assertThat(clock.parks).isZero();
    }

    @Test
    void aStopRequestEndsTheRunWithinAChunk() throws Exception {
        Numbers source = new Numbers(clock, Long.MAX_VALUE, 1);
        List<Boolean> asked = new ArrayList<>();

        RunLoop.End end =
                loop.run(
                        source,
                        NO_SINK,
                        Pacing.asFastAsPossible(),
                        Long.MAX_VALUE,
                        Long.MAX_VALUE,
                        () -> {
                            asked.add(true);
                            return source.sentAtNanos.size() >= 10_000;
                        });

        assertThat(end).isEqualTo(RunLoop.End.INTERRUPTED);
        assertThat(source.sentAtNanos.size()).isBetween(10_000, 10_000 + RunLoop.CHUNK);
    }

    @Test
    void anEmptySourceEndsAtOnce() throws Exception {
        Numbers source = new Numbers(clock, 0, 1);

        assertThat(loop.run(source, NO_SINK, Pacing.perSecond(10), 5, Long.MAX_VALUE, () -> false))
                .isEqualTo(RunLoop.End.EXHAUSTED);
        assertThat(loop.sent()).isZero();
    }
}
