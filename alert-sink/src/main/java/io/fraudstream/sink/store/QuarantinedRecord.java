package io.fraudstream.sink.store;

/**
 * A record that did not decode, kept with the reason; identified by topic, partition and offset, so
 * storing it again (after a redelivery) is a no-op.
 *
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the source offset
 * @param key the record key, or {@code null}
 * @param value the record value, or {@code null} for a tombstone
 * @param field the offending field, or {@code null} when the record as a whole is at fault
 * @param reason the decoder's message
 */
public record QuarantinedRecord(
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        String field,
        String reason) {}
