package io.fraudstream.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.job.source.Ingested;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    private static final int KAFKA_DEFAULT = DeadLetterRecords.DEFAULT_MAX_REQUEST_SIZE;

    @Test
    void theLargestDeadLetterTheSourceMakesFitsKafkasDefaultLimitWithRoomToSpare() {
        Ingested largest =
                rejected(
                        "x".repeat(DeadLetter.MAX_REASON_LENGTH),
                        DeadLetter.MAX_PAYLOAD_BYTES,
                        DeadLetter.MAX_KEY_BYTES);

        ProducerRecord<byte[], byte[]> record =
                DeadLetterRecords.toRecord("transactions-dlq", largest, KAFKA_DEFAULT);

        int size = record.key().length + record.value().length;
        assertThat(size).isLessThan(KAFKA_DEFAULT * 3 / 4);
        DeadLetter decoded = DeadLetterCodec.INSTANCE.decode(record.value());
        assertThat(decoded).isEqualTo(largest.deadLetter);
    }

    @Test
    void aSmallerConfiguredLimitCutsThePayloadFurtherAndSaysSo() {
        Ingested rejected = rejected("payload: malformed JSON", 400_000, 100);

        ProducerRecord<byte[], byte[]> record =
                DeadLetterRecords.toRecord("transactions-dlq", rejected, 100_000);

        assertThat(record.key().length + record.value().length)
                .isLessThanOrEqualTo(100_000 - DeadLetterRecords.RECORD_OVERHEAD);
        DeadLetter decoded = DeadLetterCodec.INSTANCE.decode(record.value());
        assertThat(decoded.reason())
                .isEqualTo(
                        "payload: malformed JSON (payload cut to fit max.request.size 100000,"
                                + " was 400000 bytes)");
        assertThat(decoded.payload())
                .isEqualTo(Arrays.copyOf(rejected.deadLetter.payload(), decoded.payload().length));
        assertThat(decoded.payload().length).isGreaterThan(60_000);
        assertThat(decoded.sourceOffset()).isEqualTo(rejected.deadLetter.sourceOffset());
    }

    @Property(tries = 200, seed = "20261201")
    void everyDeadLetterFitsTheLimitOrIsRefusedAsAWhole(
            @ForAll @IntRange(min = 0, max = DeadLetter.MAX_PAYLOAD_BYTES) int payload,
            @ForAll @IntRange(min = 0, max = DeadLetter.MAX_KEY_BYTES) int key,
            @ForAll @IntRange(min = 2_048, max = 2 * 1024 * 1024) int limit) {
        Ingested rejected = rejected("amount: must be >= 0, was -5", payload, key);

        ProducerRecord<byte[], byte[]> record =
                DeadLetterRecords.toRecord("transactions-dlq", rejected, limit);

        if (record == null) {
            assertThat(limit).isLessThan(DeadLetterRecords.RECORD_OVERHEAD + key + 1024);
        } else {
            int keyBytes = record.key() == null ? 0 : record.key().length;
            assertThat(keyBytes + record.value().length + DeadLetterRecords.RECORD_OVERHEAD)
                    .isLessThanOrEqualTo(limit);
            DeadLetter decoded = DeadLetterCodec.INSTANCE.decode(record.value());
            assertThat(decoded.sourcePartition()).isEqualTo(3);
            assertThat(decoded.reason()).startsWith("amount: must be >= 0, was -5");
        }
    }

    private static Ingested rejected(String reason, int payloadBytes, int keyBytes) {
        Random random = new Random(payloadBytes * 31L + keyBytes);
        byte[] payload = new byte[payloadBytes];
        random.nextBytes(payload);
        byte[] key = new byte[keyBytes];
        random.nextBytes(key);
        return Ingested.invalid(
                new DeadLetter(
                        reason,
                        null,
                        payload,
                        "transactions",
                        3,
                        123_456_789L,
                        Instant.parse("2026-12-01T10:00:00Z")),
                keyBytes == 0 ? null : key,
                1L);
    }
}
