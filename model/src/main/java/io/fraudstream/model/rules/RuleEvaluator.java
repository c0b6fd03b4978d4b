package io.fraudstream.model.rules;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Evaluates a rule on a transaction against the rule's window for the transaction's group: the one
 * code path of the job and of the backtest ({@code rules test}).
 */
public final class RuleEvaluator {

    private RuleEvaluator() {}

    /** What a counted transaction adds to a window; reused from transaction to transaction. */
    public static final class Input {
        /** The aggregated field's value (0 for {@code COUNT} and {@code DISTINCT_COUNT}). */
        public double value;

        /** The hash of the distinct value ({@code DISTINCT_COUNT} only). */
        public long hash;
    }

    /**
     * Adds the transaction to {@code window} if the rule counts it, and returns the aggregate of
     * the window ending at it (it included); NaN when the rule does not count it (disabled, no
     * match, a field of the key or the aggregated field missing).
     */
    public static double apply(Rule rule, RuleWindow window, Transaction tx, long time) {
        Input input = new Input();
        if (rule.key(tx) == null || !input(rule, tx, input)) {
            return Double.NaN;
        }
        return apply(rule, window, time, input);
    }

    /**
     * Whether the rule counts the transaction (enabled, matching its filter, with the aggregated
     * field), and if so what it adds, into {@code out}. The job calls this where it routes
     * transactions to rule keys, and {@link #apply(Rule, RuleWindow, long, Input)} where the key's
     * window lives.
     */
    public static boolean input(Rule rule, Transaction tx, Input out) {
        if (!rule.enabled() || !rule.matches(tx)) {
            return false;
        }
        out.value = 0;
        out.hash = 0;
        if (rule.aggregateField() != null) {
            if (rule.function() == Rule.Function.DISTINCT_COUNT) {
                String text = rule.aggregateField().text(tx);
                if (text == null) {
                    return false;
                }
                out.hash = hash(text);
            } else {
                out.value = rule.aggregateField().number(tx);
                if (Double.isNaN(out.value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Adds a counted transaction at {@code time} to the window; returns the window's aggregate. */
    public static double apply(Rule rule, RuleWindow window, long time, Input input) {
        long windowMs = rule.window().toMillis();
        long width = RuleWindow.width(rule.window());
        window.add(time, width, windowMs, input.value, input.hash);
        return window.aggregate(rule.function(), time, width, windowMs);
    }

    /** A new, empty window for the rule. */
    public static RuleWindow newWindow(Rule rule) {
        RuleWindow window = RuleWindow.create(rule.function());
        window.shape = shape(rule);
        return window;
    }

    /**
     * Whether a window built for some version of the rule can go on counting for this one: the same
     * function, field and window length (a new threshold, filter or score keeps the counts).
     */
    public static boolean fits(Rule rule, RuleWindow window) {
        return window.shape == shape(rule);
    }

    /** The identity of what a window counts: function, aggregated field and window length. */
    static long shape(Rule rule) {
        long h = hash(rule.function().name());
        h = h * 31 + (rule.aggregateField() == null ? 0 : hash(rule.aggregateField().id()));
        return h * 31 + rule.window().toMillis();
    }

    /**
     * Whether the aggregate is a hit: it meets the condition, and the rule's cooldown since its
     * last hit for this group has passed (then the hit is recorded in the window).
     */
    public static boolean hit(Rule rule, RuleWindow window, long time, double aggregate) {
        if (!rule.hit(aggregate)) {
            return false;
        }
        if (rule.cooldown() != null
                && window.lastHit != Long.MIN_VALUE
                && time - window.lastHit < rule.cooldown().toMillis()) {
            return false;
        }
        window.lastHit = time;
        return true;
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
