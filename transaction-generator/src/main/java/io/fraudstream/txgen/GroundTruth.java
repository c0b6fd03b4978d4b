package io.fraudstream.txgen;

import java.time.Instant;
import java.util.Objects;

/**
 * The ground-truth label of one transaction: whether it is fraud and by which scenario. Labels
 * never travel inside a {@code Transaction}; the generator and the replay write them to their own
 * file or topic so the job cannot peek, and the scorer joins them with alerts by transaction id.
 *
 * @param transactionId the labelled transaction
 * @param accountId its account (card)
 * @param timestamp its event time
 * @param fraud whether it is fraudulent
 * @param scenario the fraud scenario ({@link #GENUINE} when not fraud)
 * @param terminalId its terminal, or null
 * @param producedAt wall-clock time it was handed to Kafka or the file, or null when unknown
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

    public GroundTruth {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(scenario, "scenario");
        if (fraud == GENUINE.equals(scenario)) {
            throw new IllegalArgumentException(
                    "scenario: "
                            + (fraud ? "a fraud needs a fraud scenario" : "must be " + GENUINE)
                            + ", was "
                            + scenario);
        }
    }

    /** The same label with the time it was produced. */
    public GroundTruth producedAt(Instant at) {
        return new GroundTruth(
                transactionId, accountId, timestamp, fraud, scenario, terminalId, at);
    }
}
