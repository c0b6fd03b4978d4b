package io.fraudstream.sink.ingest;

import io.fraudstream.sink.store.BatchResult;

/**
 * Called on the ingest thread after a batch's database commit and before its offset commit: the one
 * point where a crash leaves stored alerts whose offsets Kafka does not know. Crash-safety tests
 * halt the JVM here; the service uses {@link #NONE}.
 */
@FunctionalInterface
public interface IngestHook {

    /** Does nothing. */
    IngestHook NONE = (batch, result) -> {};

    /**
     * @param batch the 1-based number of the batch in this process
     * @param result what the batch stored
     */
    void afterStore(long batch, BatchResult result);
}
