package io.fraudstream.model.rules;

import io.fraudstream.events.Transaction;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Which transactions a rule counts: {@code all} / {@code any} / {@code not} over comparisons of
 * transaction fields. A comparison with a missing field is false ({@code !=} and {@code not-in}
 * included): a rule never matches on what a transaction does not say.
 */
public sealed interface RuleFilter extends Serializable {

    boolean test(Transaction tx);

    /** Every one of them. */
    record All(List<RuleFilter> filters) implements RuleFilter {
        @Override
        public boolean test(Transaction tx) {
            for (RuleFilter f : filters) {
                if (!f.test(tx)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** At least one of them. */
    record Any(List<RuleFilter> filters) implements RuleFilter {
        @Override
        public boolean test(Transaction tx) {
            for (RuleFilter f : filters) {
                if (f.test(tx)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Not that one. */
    record Not(RuleFilter filter) implements RuleFilter {
        @Override
        public boolean test(Transaction tx) {
            return !filter.test(tx);
        }
    }

    /** The comparison operators, as written in rules. */
    enum Op {
        EQ("="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("in"),
        NOT_IN("not-in");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }

        public boolean set() {
            return this == IN || this == NOT_IN;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        /** Compares a number with a threshold. */
        boolean holds(double a, double b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                default -> throw new IllegalStateException(symbol + " is not a comparison");
            };
        }
    }

    /**
     * One field against a value: a number for {@code amount}, text for the others; {@code in} and
     * {@code not-in} against a set of them.
     */
    record Compare(
            RuleField field, Op op, double number, String text, Set<String> texts, double[] numbers)
            implements RuleFilter {
        @Override
        public boolean test(Transaction tx) {
            if (field.numeric()) {
                double v = field.number(tx);
                if (Double.isNaN(v)) {
                    return false;
                }
                if (op.set()) {
                    boolean member = false;
                    for (double n : numbers) {
                        member |= v == n;
                    }
                    return member == (op == Op.IN);
                }
                return op.holds(v, number);
            }
            String v = field.text(tx);
            if (v == null) {
                return false;
            }
            return switch (op) {
                case EQ -> v.equals(text);
                case NE -> !v.equals(text);
                case IN -> texts.contains(v);
                case NOT_IN -> !texts.contains(v);
                default -> throw new IllegalStateException("validated: text fields compare by =");
            };
        }
    }
}
