package io.fraudstream.model.rules;

import io.fraudstream.events.Transaction;
import io.fraudstream.model.config.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Evaluates a rule on a transaction against the rule's window for the transaction's group: the one
 * code path of the job and of the backtest ({@code rules test}).
 */
public final class RuleEvaluator {

    private RuleEvaluator() {}

    /**
     * Adds the transaction to {@code window} if the rule counts it, and returns the aggregate of
     * the window ending at it (it included); NaN when the rule does not count it (disabled, no
     * match, a field of the key or the aggregated field missing).
     */
    public static double apply(Rule rule, RuleWindow window, Transaction tx, long time) {
        if (!rule.enabled() || !rule.matches(tx)) {
            return Double.NaN;
        }
        double value = 0;
        long hash = 0;
        if (rule.aggregateField() != null) {
            if (rule.function() == Rule.Function.DISTINCT_COUNT) {
                String text = rule.aggregateField().text(tx);
                if (text == null) {
                    return Double.NaN;
                }
                hash = hash(text);
            } else {
                value = rule.aggregateField().number(tx);
                if (Double.isNaN(value)) {
                    return Double.NaN;
                }
            }
        }
        long windowMs = rule.window().toMillis();
        long width = RuleWindow.width(rule.window());
        window.add(time, width, windowMs, value, hash);
        return window.aggregate(rule.function(), time, width, windowMs);
    }

    /**
     * The hit's reason: the observed value, the condition and the window, e.g. {@code COUNT 4 by
     * terminalId within 10 min, > 3}.
     */
    public static String message(Rule rule, double aggregate) {
        StringBuilder m = new StringBuilder(64).append(rule.function().name());
        if (rule.aggregateField() != null) {
            m.append('(').append(rule.aggregateField().id()).append(')');
        }
        m.append(' ').append(number(aggregate)).append(" by ");
        for (int i = 0; i < rule.groupBy().size(); i++) {
            m.append(i == 0 ? "" : "+").append(rule.groupBy().get(i).id());
        }
        return m.append(" within ")
                .append(Durations.text(rule.window()))
                .append(", ")
                .append(rule.conditionOp().symbol())
                .append(' ')
                .append(number(rule.threshold()))
                .toString();
    }

    /** FNV-1a, 64 bits, over the UTF-16 code units: the identity of a distinct value. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
