package io.fraudstream.txgen.sink;

import io.fraudstream.events.GroundTruth;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where a run's records go: transactions (and malformed records), their ground-truth labels, and
 * chargeback verdicts. Not thread-safe: one thread sends; the counters may be read from any.
 */
public interface RecordSink extends Closeable {

    /**
     * Opens the destinations: checks (and when asked creates) the topics, starts the producer,
     * opens the files.
     *
     * @throws io.fraudstream.txgen.cli.CommandFailure when Kafka is unreachable or a topic is
     *     missing
     * @throws IOException when a file cannot be opened
     */
    static RecordSink open(Destinations destinations) throws IOException {
        return Outputs.open(destinations);
    }

    /**
     * Sends a transaction keyed by its account, then its label if there is one; in Kafka mode the
     * label carries {@code producedAt}, the wall clock just before the transaction was sent.
     */
    void transaction(byte[] key, byte[] value, GroundTruth label) throws IOException;

    /** Sends a record that is deliberately not a valid transaction, where transactions go. */
    void malformed(byte[] key, byte[] value) throws IOException;

    /** Sends a verdict keyed by its account. */
    void verdict(byte[] key, byte[] value) throws IOException;

    /** Waits until everything sent is acknowledged (or failed) and written. */
    void flush() throws IOException;

    /** Records not acknowledged by Kafka so far. */
    long failed();

    /** The first delivery failure, or null. */
    Exception firstFailure();

    /** Labels written so far. */
    long labels();

    /** Verdicts written so far. */
    long verdicts();
}
