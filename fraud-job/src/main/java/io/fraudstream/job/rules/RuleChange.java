package io.fraudstream.job.rules;

/**
 * A validated rule update, broadcast to every operator that evaluates rules: the rule's JSON
 * (parsed again where it is used, with the same parser) or a deletion. A Flink POJO.
 */
public class RuleChange {

    public String id;

    public int version;

    /** The rule's JSON; null when the rule was deleted. */
    public String json;

    public RuleChange() {}

    public static RuleChange of(String id, int version, String json) {
        RuleChange change = new RuleChange();
        change.id = id;
        change.version = version;
        change.json = json;
        return change;
    }

    public boolean deleted() {
        return json == null;
    }
}
