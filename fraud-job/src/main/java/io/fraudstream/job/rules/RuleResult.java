package io.fraudstream.job.rules;

import io.fraudstream.model.rules.Rule;

/**
 * An ACTIVE rule's hit on a transaction, sent back to the transaction's account to join its
 * decision. A Flink POJO.
 */
public class RuleResult {

    public String ruleId;
    public int ruleVersion;
    public double score;

    /** The least action the hit forces: {@code FLAG}, {@code BLOCK}, or null. */
    public String action;

    public double value;
    public double threshold;
    public String message;

    public RuleResult() {}

    public static RuleResult hit(Rule rule, double value, String message) {
        RuleResult r = new RuleResult();
        r.ruleId = rule.id();
        r.ruleVersion = rule.version();
        r.score = rule.score();
        r.action = rule.action() == null ? null : rule.action().name();
        r.value = value;
        r.threshold = rule.threshold();
        r.message = message;
        return r;
    }

    /** The reason's detector: {@code rule:<id>}. */
    public String detector() {
        return "rule:" + ruleId;
    }
}
