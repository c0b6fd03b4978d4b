package io.fraudstream.job.source;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record of the transactions topic with the events codec and checks its event
 * time against the {@link EventTimePolicy}. It never throws: a record that does not decode, or
 * whose time is implausible, becomes a dead letter carrying the reason, where it came from and its
 * original bytes, so bad input can neither fail the job nor be lost. Oversized keys and payloads
 * are cut to a bounded prefix with their original size and SHA-256 in the reason, so the dead
 * letter always fits a Kafka record (the original stays on the source topic at the offset given).
 */
public final class TransactionDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private static final long serialVersionUID = 1L;

    /** Dead letters keep at most this much of the original payload (the contract's bound). */
    static final int MAX_PAYLOAD = DeadLetter.MAX_PAYLOAD_BYTES;

    /** Dead letters keep at most this much of the original key. */
    static final int MAX_KEY = DeadLetter.MAX_KEY_BYTES;

    private final EventTimePolicy eventTime;

    public TransactionDeserializer(EventTimePolicy eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        out.collect(decode(record, System.currentTimeMillis()));
    }

    /**
     * The record as a valid transaction or a dead letter, judged at wall-clock time {@code nowMs}.
     */
    Ingested decode(ConsumerRecord<byte[], byte[]> record, long nowMs) {
        Transaction transaction;
        try {
            transaction = TransactionCodec.INSTANCE.decode(record.value());
        } catch (InvalidEventException e) {
            return deadLetter(record, e.getMessage(), e.field(), nowMs);
        }
        String implausible = eventTime.violation(transaction.timestamp(), nowMs);
        if (implausible != null) {
            Ingested rejected = deadLetter(record, implausible, "timestamp", nowMs);
            rejected.implausibleTime = true;
            return rejected;
        }
        Ingested valid = Ingested.valid(transaction, record.timestamp());
        valid.receivedAt = nowMs;
        return valid;
    }

    static Ingested deadLetter(
            ConsumerRecord<byte[], byte[]> record, String reason, String field, long nowMs) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        byte[] key = record.key();
        StringBuilder why = new StringBuilder(reason);
        if (value.length > MAX_PAYLOAD) {
            why.append(truncated("payload", value, MAX_PAYLOAD));
            value = Arrays.copyOf(value, MAX_PAYLOAD);
        }
        if (key != null && key.length > MAX_KEY) {
            why.append(truncated("key", key, MAX_KEY));
            key = Arrays.copyOf(key, MAX_KEY);
        }
        DeadLetter letter =
                new DeadLetter(
                        why.toString(),
                        field,
                        value,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        Instant.ofEpochMilli(nowMs));
        return Ingested.invalid(letter, key, record.timestamp());
    }

    private static String truncated(String what, byte[] original, int kept) {
        return " ("
                + what
                + " truncated from "
                + original.length
                + " to "
                + kept
                + " bytes, SHA-256 of the original "
                + sha256(original)
                + ")";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
