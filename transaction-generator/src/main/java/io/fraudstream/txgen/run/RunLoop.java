package io.fraudstream.txgen.run;

import io.fraudstream.txgen.sink.RecordSink;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends a source's records to a sink at the pace asked for, until the source ends, a count or a
 * duration is reached, or a stop is requested.
 */
public final class RunLoop {

    /** Why a run ended. */
    public enum End {
        /** The source had no more records. */
        EXHAUSTED,
        /** The record count was reached. */
        COUNT,
        /** The duration was reached. */
        DURATION,
        /** A stop was requested (Ctrl-C). */
        INTERRUPTED
    }

    /** Time as the loop sees it; tests substitute a fake one. */
    public interface Clock {
        long nanoTime();

        void parkNanos(long nanos);

        Clock SYSTEM =
                new Clock() {
                    @Override
                    public long nanoTime() {
                        return System.nanoTime();
                    }

                    @Override
                    public void parkNanos(long nanos) {
                        LockSupport.parkNanos(nanos);
                    }
                };
    }

    static final int CHUNK = 4096;
    private static final long TICK_NANOS = 1_000_000;

    private final Clock clock;
    private volatile long sent;
    private volatile long startNanos;

    public RunLoop(Clock clock) {
        this.clock = clock;
    }

    /** Records sent so far; readable from any thread. */
    public long sent() {
        return sent;
    }

    /** Nanoseconds since the run started, 0 before. */
    public long elapsedNanos() {
        long start = startNanos;
        return start == 0 ? 0 : clock.nanoTime() - start;
    }

    /**
     * Runs until one of the ends. Each round computes how many records are due from the elapsed
     * time, sends them (at most a chunk, so a stop is seen promptly), then parks until the next
     * millisecond: batching instead of a sleep per record keeps 100,000+ records/s exact.
     *
     * @param maxRecords stop after this many records ({@code Long.MAX_VALUE}: no limit)
     * @param maxNanos stop after this long ({@code Long.MAX_VALUE}: no limit); a paced run sends
     *     what was due at that moment, so {@code --rate 5000 --duration 30s} sends 150,000
     */
    public End run(
            RecordSource source,
            RecordSink sink,
            Pacing pacing,
            long maxRecords,
            long maxNanos,
            BooleanSupplier stopRequested)
            throws IOException {
        long start = clock.nanoTime();
        startNanos = start == 0 ? 1 : start;
        long count = 0;
        boolean more = source.next();
        long firstEventMillis = more ? source.eventTimeMillis() : 0;
        try {
            while (true) {
                if (!more) {
                    return End.EXHAUSTED;
                }
                if (count >= maxRecords) {
                    return End.COUNT;
                }
                if (stopRequested.getAsBoolean()) {
                    return End.INTERRUPTED;
                }
                long elapsed = clock.nanoTime() - start;
                boolean timeUp = elapsed >= maxNanos;
                if (timeUp && pacing.isUnlimited()) {
                    return End.DURATION;
                }
                long at = timeUp ? maxNanos : elapsed;
                long due = Math.min(pacing.recordsDue(at), maxRecords);
                long horizon = pacing.eventTimeDue(firstEventMillis, at);
                int n = 0;
                while (more && count < due && n < CHUNK && source.eventTimeMillis() <= horizon) {
                    source.send(sink);
                    count++;
                    n++;
                    more = source.next();
                }
                sent = count;
                if (timeUp && n < CHUNK) {
                    return End.DURATION;
                }
                if (n < CHUNK && more && count < maxRecords) {
                    clock.parkNanos(TICK_NANOS - elapsed % TICK_NANOS);
                }
            }
        } finally {
            sent = count;
        }
    }
}
