package io.fraudstream.model.rules;

import io.fraudstream.events.Transaction;

/** The transaction fields a rule can filter on, group by and aggregate. */
public enum RuleField {
    ACCOUNT_ID("accountId", false, true),
    TERMINAL_ID("terminalId", false, true),
    MERCHANT_ID("merchantId", false, true),
    COUNTRY("country", false, true),
    MCC("mcc", false, true),
    CHANNEL("channel", false, true),
    CURRENCY("currency", false, false),
    AMOUNT("amount", true, false);

    private final String id;
    private final boolean numeric;
    private final boolean groupable;

    RuleField(String id, boolean numeric, boolean groupable) {
        this.id = id;
        this.numeric = numeric;
        this.groupable = groupable;
    }

    /** The field's name in rules and in the transaction contract. */
    public String id() {
        return id;
    }

    public boolean numeric() {
        return numeric;
    }

    /** Whether it can be part of a rule's {@code groupBy} key. */
    public boolean groupable() {
        return groupable;
    }

    /** The field of that name, or null. */
    public static RuleField of(String id) {
        for (RuleField f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }

    /** The names, for messages. */
    public static String names(boolean groupableOnly) {
        StringBuilder b = new StringBuilder();
        for (RuleField f : values()) {
            if (!groupableOnly || f.groupable) {
                b.append(b.length() == 0 ? "" : ", ").append(f.id);
            }
        }
        return b.toString();
    }

    /** The value of a text field, or null when the transaction has none. */
    public String text(Transaction tx) {
        return switch (this) {
            case ACCOUNT_ID -> tx.accountId();
            case TERMINAL_ID -> tx.terminalId();
            case MERCHANT_ID -> tx.merchantId();
            case COUNTRY -> tx.country();
            case MCC -> tx.mcc();
            case CHANNEL -> tx.channel() == null ? null : tx.channel().name();
            case CURRENCY -> tx.currency();
            case AMOUNT -> tx.amount() == null ? null : tx.amount().toPlainString();
        };
    }

    /** The value of the numeric field ({@code amount}), NaN when missing. */
    public double number(Transaction tx) {
        return this == AMOUNT && tx.amount() != null ? tx.amount().doubleValue() : Double.NaN;
    }
}
