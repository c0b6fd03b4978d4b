package io.fraudstream.events;

import java.util.Map;

/**
 * The Kafka topics of fraudstream with their default names and shapes, defined once for every
 * module. Every name is configurable at run time; these are the defaults.
 */
public enum Topic {
    /** Card transactions, keyed by account, value {@link Transaction} JSON. */
    TRANSACTIONS("transactions", 4, false),
    /** Fraud alerts, keyed by account, value {@link Alert} JSON. */
    FRAUD_ALERTS("fraud-alerts", 4, false),
    /** Records the job could not decode, keyed by the original key, value {@link DeadLetter}. */
    TRANSACTIONS_DLQ("transactions-dlq", 1, false),
    /** Every transaction's score and decision, keyed by account, value {@link TransactionScore}. */
    TRANSACTION_SCORES("transaction-scores", 4, false),
    /** Analyst decisions and chargeback labels, keyed by account, value {@link Verdict}. */
    FRAUD_VERDICTS("fraud-verdicts", 2, false),
    /** Rule updates, keyed by rule id; compacted so the latest version of each rule stays. */
    FRAUD_RULES("fraud-rules", 1, true),
    /** What the job made of each rule update, keyed by rule id, value {@link RuleStatus}. */
    FRAUD_RULES_STATUS("fraud-rules-status", 1, true),
    /** Every rule hit, active and shadow, keyed by rule id, value {@link RuleHit}. */
    FRAUD_RULE_HITS("fraud-rule-hits", 1, false);

    private final String defaultName;
    private final int defaultPartitions;
    private final boolean compacted;

    Topic(String defaultName, int defaultPartitions, boolean compacted) {
        this.defaultName = defaultName;
        this.defaultPartitions = defaultPartitions;
        this.compacted = compacted;
    }

    /** The topic name used unless configuration says otherwise. */
    public String defaultName() {
        return defaultName;
    }

    /** Partitions the local stack creates the topic with. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /** Whether the topic is log-compacted (keeps the latest record per key). */
    public boolean compacted() {
        return compacted;
    }

    /** Topic-level configuration the topic is created with. */
    public Map<String, String> topicConfig() {
        return compacted ? Map.of("cleanup.policy", "compact") : Map.of();
    }
}
