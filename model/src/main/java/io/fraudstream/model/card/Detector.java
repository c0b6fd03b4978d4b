package io.fraudstream.model.card;

import io.fraudstream.events.Transaction;
import java.io.Serializable;

/** One fraud pattern, evaluated on every transaction of an account as it arrives. */
public interface Detector extends Serializable {

    /** The name alerts and metrics use, e.g. {@code card-testing}. */
    String name();

    /**
     * Evaluates the transaction against the account's state, then updates the part of the state
     * this detector owns. The recent-transaction ring already holds the transaction; the shared
     * long-horizon profile does not yet.
     *
     * @return what was found, or null when nothing was
     */
    Detection evaluate(AccountState state, Transaction transaction, long time, double amount);
}
