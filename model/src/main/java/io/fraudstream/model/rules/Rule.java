package io.fraudstream.model.rules;

import io.fraudstream.events.Transaction;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * An analyst-authored rule: transactions matching {@link #filter}, grouped by the {@link #groupBy}
 * fields, aggregated over a sliding event-time {@link #window} ending at each matching transaction
 * (it included), compared with {@link #threshold}. Parsed and validated by {@link RuleParser}; the
 * JSON shape is in docs/RULES.md.
 *
 * @param filter null for every transaction
 * @param aggregateField null for {@code COUNT}
 * @param action null when the rule only adds its score
 * @param cooldown null for none
 */
public record Rule(
        String id,
        int version,
        String description,
        boolean enabled,
        Mode mode,
        List<RuleField> groupBy,
        RuleFilter filter,
        Function function,
        RuleField aggregateField,
        Duration window,
        RuleFilter.Op conditionOp,
        double threshold,
        double score,
        Action action,
        Duration cooldown)
        implements Serializable {

    /** {@code ACTIVE} hits feed the score and alerts; {@code SHADOW} hits are only counted. */
    public enum Mode {
        ACTIVE,
        SHADOW
    }

    /** The aggregate over the window. */
    public enum Function {
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX,
        DISTINCT_COUNT
    }

    /** The least action a hit forces. */
    public enum Action {
        FLAG,
        BLOCK
    }

    /** Separates the parts of a group key: no field value of the contract contains it. */
    public static final char KEY_SEPARATOR = '\u001f';

    /**
     * The transaction's group for this rule, e.g. {@code terminal-burst␟T-17}, or null when it
     * lacks a field of the key (such a transaction is not counted by the rule).
     */
    public String key(Transaction tx) {
        StringBuilder key = new StringBuilder(id.length() + 24).append(id);
        for (RuleField field : groupBy) {
            String v = field.text(tx);
            if (v == null) {
                return null;
            }
            key.append(KEY_SEPARATOR).append(v);
        }
        return key.toString();
    }

    /** Whether the transaction counts for this rule. */
    public boolean matches(Transaction tx) {
        return filter == null || filter.test(tx);
    }

    /** Whether an aggregate value meets the condition. */
    public boolean hit(double aggregate) {
        return !Double.isNaN(aggregate) && conditionOp.holds(aggregate, threshold);
    }
}
