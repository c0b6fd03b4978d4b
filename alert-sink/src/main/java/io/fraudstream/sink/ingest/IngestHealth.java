package io.fraudstream.sink.ingest;

import java.time.Duration;

/**
 * What {@code /health} reports about ingest.
 *
 * @param state the state
 * @param since how long the broker has been silent ({@code NO_BROKER}) or the loop stuck ({@code
 *     STALLED}); null otherwise
 */
public record IngestHealth(State state, Duration since) {

    /** The states of the ingest loop, of which only {@code RUNNING} is healthy. */
    public enum State {
        RUNNING,
        CONNECTING,
        NO_BROKER,
        STALLED,
        STOPPED
    }

    public boolean healthy() {
        return state == State.RUNNING;
    }
}
