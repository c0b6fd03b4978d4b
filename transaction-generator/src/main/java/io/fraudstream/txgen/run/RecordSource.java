package io.fraudstream.txgen.run;

import io.fraudstream.txgen.sink.RecordSink;
import java.io.IOException;

/** The records of a run, one at a time: prepared by {@link #next}, then sent by {@link #send}. */
public interface RecordSource {

    /** Prepares the next record; false when there is none. */
    boolean next() throws IOException;

    /** Event time (epoch millis) of the prepared record, for pacing by event time. */
    long eventTimeMillis();

    /** Sends the prepared record, and whatever is due with it. */
    void send(RecordSink sink) throws IOException;

    /** Sends what is left once the run ends (for a replay, the verdicts still pending). */
    default void finish(RecordSink sink) throws IOException {}

    /** Share of the input read, in [0, 1], or NaN when the source has no end. */
    default double progress() {
        return Double.NaN;
    }
}
