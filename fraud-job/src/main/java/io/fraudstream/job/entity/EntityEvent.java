package io.fraudstream.job.entity;

/**
 * What the entity tracker hears about a terminal or merchant: a transaction there on a day, or a
 * confirmed fraud on one of its transactions and when that becomes known. Small on purpose: every
 * transaction sends one per entity it names. A Flink POJO; {@code key} is {@code T:<terminalId>} or
 * {@code M:<merchantId>}.
 */
public class EntityEvent {

    public String key;

    /** Epoch day of the transaction (for a fraud: of the fraudulent transaction). */
    public long day;

    /** For a fraud: when it counts from; {@link Long#MIN_VALUE} for a transaction. */
    public long knownAt = Long.MIN_VALUE;

    /** For a fraud: a hash of the transaction id, so repeated verdicts count once. */
    public long transactionHash;

    public EntityEvent() {}

    public static EntityEvent transaction(String key, long day) {
        EntityEvent event = new EntityEvent();
        event.key = key;
        event.day = day;
        return event;
    }

    public static EntityEvent fraud(String key, long day, long knownAt, long transactionHash) {
        EntityEvent event = new EntityEvent();
        event.key = key;
        event.day = day;
        event.knownAt = knownAt;
        event.transactionHash = transactionHash;
        return event;
    }

    public boolean isFraud() {
        return knownAt != Long.MIN_VALUE;
    }

    /** The key of a terminal, or null for none. */
    public static String terminalKey(String terminalId) {
        return terminalId == null ? null : "T:" + terminalId;
    }

    /** The key of a merchant, or null for none. */
    public static String merchantKey(String merchantId) {
        return merchantId == null ? null : "M:" + merchantId;
    }
}
