package io.fraudstream.job.sink;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.job.source.Ingested;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a rejected record into the dead-letter topic's record, under its (bounded) original key,
 * and makes it fit the producer's {@code max.request.size}: if the encoded dead letter would not
 * fit, the payload is cut further and the reason says so. Nothing else is ever cut: reason, field
 * and source position always survive.
 */
final class DeadLetterRecords {

    /** Kafka's own default for {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Room left for the record batch and record headers Kafka adds around key and value. */
    static final int RECORD_OVERHEAD = 1024;

    private DeadLetterRecords() {}

    /**
     * The record for {@code rejected} on {@code topic}, at most {@code maxRequestSize} bytes with
     * Kafka's framing; {@code null} only if not even the dead letter without payload fits (a limit
     * of a few kilobytes).
     */
    static ProducerRecord<byte[], byte[]> toRecord(
            String topic, Ingested rejected, int maxRequestSize) {
        DeadLetter letter = rejected.deadLetter;
        byte[] key = rejected.key;
        int budget = maxRequestSize - RECORD_OVERHEAD - (key == null ? 0 : key.length);
        byte[] value = DeadLetterCodec.INSTANCE.encode(letter);
        if (value.length > budget) {
            byte[] payload = letter.payload();
            String note =
                    " (payload cut to fit max.request.size "
                            + maxRequestSize
                            + ", was "
                            + payload.length
                            + " bytes)";
            int fixed = value.length - base64Length(payload.length) + note.length();
            int allowed = Math.max(0, (budget - fixed) / 4 * 3);
            String reason = letter.reason();
            if (reason.length() + note.length() > DeadLetter.MAX_REASON_LENGTH) {
                int end = DeadLetter.MAX_REASON_LENGTH - note.length();
                if (Character.isHighSurrogate(reason.charAt(end - 1))) {
                    end--;
                }
                reason = reason.substring(0, end);
            }
            letter =
                    new DeadLetter(
                            reason + note,
                            letter.field(),
                            Arrays.copyOf(payload, Math.min(allowed, payload.length)),
                            letter.sourceTopic(),
                            letter.sourcePartition(),
                            letter.sourceOffset(),
                            letter.receivedAt());
            value = DeadLetterCodec.INSTANCE.encode(letter);
            if (value.length > budget) {
                return null;
            }
        }
        return new ProducerRecord<>(topic, null, null, key, value);
    }

    /** Length of the padded base64 form of {@code bytes} bytes. */
    static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
