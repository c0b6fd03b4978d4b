package io.fraudstream.sink.store;

/**
 * The result of a step on a case (assign, resolve, note).
 *
 * @param outcome whether it happened
 * @param aCase the case after the step (or as it is, on a conflict), {@code null} if not found
 */
public record CaseTransition(Transition.Outcome outcome, StoredCase aCase) {}
