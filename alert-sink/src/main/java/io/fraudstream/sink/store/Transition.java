package io.fraudstream.sink.store;

/**
 * The result of a review step ({@link AlertStore#acknowledge}, {@link AlertStore#resolve}).
 *
 * @param outcome whether it happened
 * @param alert the alert after the step (or as it is, on a conflict), {@code null} if not found
 */
public record Transition(Outcome outcome, StoredAlert alert) {

    /** What became of the step. */
    public enum Outcome {
        /** Done. */
        DONE,
        /** No such alert. */
        NOT_FOUND,
        /** The alert's status does not allow it. */
        CONFLICT
    }
}
