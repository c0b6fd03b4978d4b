package io.fraudstream.job.detect;

import io.fraudstream.events.Verdict;
import io.fraudstream.job.rules.RuleResult;
import io.fraudstream.job.source.Ingested;

/**
 * What the scoring operator receives per account: a transaction, a verdict on the card, or the
 * answer of one rule about one of the account's transactions, in one keyed stream so all share the
 * account's state and its watermark. A Flink POJO.
 */
public class CardInput {

    /** A transaction to score; null for a verdict or a rule's answer. */
    public Ingested transaction;

    /** A verdict on the account; null otherwise. */
    public Verdict verdict;

    /**
     * Whether the transaction arrived behind the watermark (decided on arrival, not on release).
     */
    public boolean late;

    /** The transaction's sequence number when rules count it; the answer's transaction's. */
    public long seq;

    /** How many rules count the transaction: the answers it waits for (0: none). */
    public int rulesExpected;

    /**
     * When a waiting transaction stops waiting for missing rule answers (event time): a minute
     * after the later of its own time and the watermark at its arrival.
     */
    public long ruleDeadline;

    /** Whether this is a rule's answer (its hit, or none, in {@link #ruleHit}). */
    public boolean ruleAnswer;

    /** An ACTIVE rule's hit, in a rule's answer; null for no hit. */
    public RuleResult ruleHit;

    /** The account of a rule's answer. */
    public String answerAccount;

    public CardInput() {}

    public static CardInput of(Ingested transaction) {
        CardInput in = new CardInput();
        in.transaction = transaction;
        return in;
    }

    /** A transaction that {@code rules} rules count, under sequence number {@code seq}. */
    public static CardInput of(Ingested transaction, long seq, int rules) {
        CardInput in = of(transaction);
        in.seq = seq;
        in.rulesExpected = rules;
        return in;
    }

    public static CardInput of(Verdict verdict) {
        CardInput in = new CardInput();
        in.verdict = verdict;
        return in;
    }

    /** A rule's answer about the account's transaction {@code seq}: its hit, or null. */
    public static CardInput ruleResult(String accountId, long seq, RuleResult hit) {
        CardInput in = new CardInput();
        in.ruleAnswer = true;
        in.answerAccount = accountId;
        in.seq = seq;
        in.ruleHit = hit;
        return in;
    }

    public String accountId() {
        if (transaction != null) {
            return transaction.transaction.accountId();
        }
        return verdict != null ? verdict.accountId() : answerAccount;
    }
}
