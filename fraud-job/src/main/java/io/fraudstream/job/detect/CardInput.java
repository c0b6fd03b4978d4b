package io.fraudstream.job.detect;

import io.fraudstream.events.Verdict;
import io.fraudstream.job.source.Ingested;

/**
 * What the scoring operator receives per account: a transaction or a verdict on the card, in one
 * keyed stream so both share the account's state and its watermark. A Flink POJO.
 */
public class CardInput {

    /** A transaction to score; null for a verdict. */
    public Ingested transaction;

    /** A verdict on the account; null for a transaction. */
    public Verdict verdict;

    /**
     * Whether the transaction arrived behind the watermark (decided on arrival, not on release).
     */
    public boolean late;

    public CardInput() {}

    public static CardInput of(Ingested transaction) {
        CardInput in = new CardInput();
        in.transaction = transaction;
        return in;
    }

    public static CardInput of(Verdict verdict) {
        CardInput in = new CardInput();
        in.verdict = verdict;
        return in;
    }

    public String accountId() {
        return transaction != null ? transaction.transaction.accountId() : verdict.accountId();
    }
}
