package io.fraudstream.job.source;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.Transaction;

/**
 * One record read from the transactions topic: the decoded transaction, or the dead letter
 * explaining why it could not be decoded. A Flink POJO (public fields, no-arg constructor), so it
 * is serialized without Kryo.
 */
public class Ingested {

    /** The decoded transaction; null when the record was invalid. */
    public Transaction transaction;

    /** Why the record was rejected, with its bytes and origin; null when valid. */
    public DeadLetter deadLetter;

    /**
     * The original record key (at most {@link DeadLetter#MAX_KEY_BYTES}), for dead letters only.
     */
    public byte[] key;

    /** The Kafka record timestamp (epoch ms): when the transaction entered Kafka. */
    public long ingestTime;

    /** When the job's source decoded the record (epoch ms, the TaskManager's clock). */
    public long receivedAt;

    /** Whether the record decoded but was rejected for an implausible event time. */
    public boolean implausibleTime;

    public Ingested() {}

    public static Ingested valid(Transaction transaction, long ingestTime) {
        Ingested in = new Ingested();
        in.transaction = transaction;
        in.ingestTime = ingestTime;
        return in;
    }

    public static Ingested invalid(DeadLetter deadLetter, byte[] key, long ingestTime) {
        Ingested in = new Ingested();
        in.deadLetter = deadLetter;
        in.key = key;
        in.ingestTime = ingestTime;
        return in;
    }

    public boolean isValid() {
        return transaction != null;
    }

    /** Event time of a valid record; invalid ones never advance the watermark. */
    public long eventTime() {
        return transaction != null ? transaction.timestamp().toEpochMilli() : Long.MIN_VALUE;
    }
}
