package io.fraudstream.job.rules;

/**
 * One transaction counted by one rule, sent to the operator that holds the rule's window for the
 * transaction's group ({@link #key}): only what the window needs, not the transaction. A Flink
 * POJO.
 */
public class RuleTask {

    /** The rule's group key: the rule id and the group's field values ({@code Rule.key}). */
    public String key;

    public String ruleId;

    public String accountId;

    public String transactionId;

    /** The transaction's sequence number, for the scorer to join the result back. */
    public long seq;

    /** Event time, epoch ms. */
    public long time;

    /** What the transaction adds: the aggregated field's value, or the distinct value's hash. */
    public double value;

    public long hash;

    public RuleTask() {}
}
