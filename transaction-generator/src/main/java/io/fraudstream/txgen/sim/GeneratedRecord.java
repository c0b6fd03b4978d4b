package io.fraudstream.txgen.sim;

import io.fraudstream.events.Transaction;
import io.fraudstream.txgen.Scenario;

/**
 * One record of the generated stream: a transaction with its ground truth, or a malformed record
 * (bytes that are deliberately not a valid transaction, with no label).
 */
public final class GeneratedRecord {

    private final long eventTimeMillis;
    private final Transaction transaction;
    private final byte[] malformed;
    private final int account;
    private final Scenario scenario;
    private final int incident;

    private GeneratedRecord(
            long eventTimeMillis,
            Transaction transaction,
            byte[] malformed,
            int account,
            Scenario scenario,
            int incident) {
        this.eventTimeMillis = eventTimeMillis;
        this.transaction = transaction;
        this.malformed = malformed;
        this.account = account;
        this.scenario = scenario;
        this.incident = incident;
    }

    static GeneratedRecord transaction(
            long eventTimeMillis,
            Transaction transaction,
            int account,
            Scenario scenario,
            int incident) {
        return new GeneratedRecord(eventTimeMillis, transaction, null, account, scenario, incident);
    }

    static GeneratedRecord malformed(long eventTimeMillis, byte[] bytes, int account) {
        return new GeneratedRecord(eventTimeMillis, null, bytes, account, null, 0);
    }

    /**
     * When it happened on the simulated clock (epoch millis), before any out-of-order lag and
     * whatever clock the timestamps follow; for pacing by event time.
     */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    public boolean isMalformed() {
        return malformed != null;
    }

    /** The transaction, or null for a malformed record. */
    public Transaction transaction() {
        return transaction;
    }

    /** The bytes of a malformed record, or null. */
    public byte[] malformedBytes() {
        return malformed;
    }

    /** Index of the card in the population (also for a malformed record: its Kafka key). */
    public int account() {
        return account;
    }

    /** The fraud scenario, or null when genuine (or malformed). */
    public Scenario scenario() {
        return scenario;
    }

    public boolean fraud() {
        return scenario != null;
    }

    /**
     * Which fraud incident produced the transaction: the frauds of one card-testing attack share
     * it. 0 when genuine. Never written to any output; tests use it to check patterns.
     */
    public int incident() {
        return incident;
    }

    @Override
    public String toString() {
        if (malformed != null) {
            return "malformed record of card " + account;
        }
        return (scenario == null ? "genuine " : scenario.wireName() + " #" + incident + " ")
                + transaction;
    }
}
