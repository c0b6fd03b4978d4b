package io.fraudstream.events;

import java.time.Instant;

/**
 * The ground-truth label of one transaction: whether it is fraud and by which scenario. Labels
 * never travel inside a {@link Transaction}; the generator and the replay write them to their own
 * file or topic so the job cannot peek, and the scorer joins them with alerts by transaction id.
 * Construction validates every field.
 *
 * @param transactionId the labelled transaction
 * @param accountId its account (card), the key of a labels topic
 * @param timestamp its event time
 * @param fraud whether it is fraudulent
 * @param scenario the fraud scenario, an identifier; {@link #GENUINE} exactly when not fraud
 * @param terminalId its terminal, or {@code null}
 * @param producedAt wall-clock time it was handed to Kafka or the file, or {@code null} when
 *     unknown
 */
public record GroundTruth(
        String transactionId,
        String accountId,
        Instant timestamp,
        boolean fraud,
        String scenario,
        String terminalId,
        Instant producedAt) {

    /** The scenario name of a genuine transaction. */
    public static final String GENUINE = "genuine";

    /**
     * Validates every field.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public GroundTruth {
        Checks.id("transactionId", transactionId);
        Checks.id("accountId", accountId);
        Checks.instant("timestamp", timestamp);
        Checks.id("scenario", scenario);
        if (fraud == GENUINE.equals(scenario)) {
            throw new InvalidEventException(
                    "scenario",
                    (fraud ? "a fraud needs a fraud scenario" : "must be " + GENUINE)
                            + ", was "
                            + Checks.quote(scenario));
        }
        Checks.optionalId("terminalId", terminalId);
        if (producedAt != null) {
            Checks.instant("producedAt", producedAt);
        }
    }

    /** The same label with the time it was produced. */
    public GroundTruth producedAt(Instant at) {
        return new GroundTruth(
                transactionId, accountId, timestamp, fraud, scenario, terminalId, at);
    }
}
