package io.fraudstream.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TransactionDeserializerTest {

    private static final long NOW = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private final TransactionDeserializer deserializer =
            new TransactionDeserializer(
                    new EventTimePolicy(Duration.ofMinutes(5), Duration.ofDays(7300)));

    @Test
    void aValidTransactionPassesWithItsKafkaTimestampAndTheTimeItWasReceived() {
        Ingested in =
                deserializer.decode(record("acct-1".getBytes(), json("2026-12-01T09:59:00Z")), NOW);

        assertThat(in.isValid()).isTrue();
        assertThat(in.transaction.accountId()).isEqualTo("acct-1");
        assertThat(in.ingestTime).isEqualTo(42L);
        assertThat(in.receivedAt).isEqualTo(NOW);
        assertThat(in.key).isNull();
    }

    @Test
    void aFarFutureTimeIsADeadLetterOnTheTimestampFieldAndCarriesNoEventTime() {
        Ingested in =
                deserializer.decode(record("acct-1".getBytes(), json("9999-12-31T23:59:59Z")), NOW);

        assertThat(in.isValid()).isFalse();
        assertThat(in.implausibleTime).isTrue();
        assertThat(in.eventTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(in.deadLetter.field()).isEqualTo("timestamp");
        assertThat(in.deadLetter.reason())
                .startsWith("timestamp: 9999-12-31T23:59:59Z is more than 5 min ahead");
        assertThat(in.deadLetter.receivedAt()).isEqualTo(Instant.ofEpochMilli(NOW));
        assertThat(in.deadLetter.payload()).isEqualTo(jsonBytes("9999-12-31T23:59:59Z"));
    }

    @Test
    void aYearZeroTimeIsADeadLetterToo() {
        Ingested in = deserializer.decode(record(null, json("0000-01-01T00:00:00Z")), NOW);

        assertThat(in.implausibleTime).isTrue();
        assertThat(in.deadLetter.reason()).contains("before the wall clock");
    }

    @Test
    void anOversizedKeyAndPayloadAreCutWithTheirSizeAndHashInTheReason() {
        // The reproduction of the finding: 520 kB of random key, 520 kB of invalid value.
        Random random = new Random(7);
        byte[] key = new byte[520_000];
        byte[] value = new byte[520_000];
        random.nextBytes(key);
        random.nextBytes(value);

        Ingested in = deserializer.decode(recordBytes(key, value), NOW);

        assertThat(in.isValid()).isFalse();
        assertThat(in.implausibleTime).isFalse();
        assertThat(in.key).isEqualTo(Arrays.copyOf(key, DeadLetter.MAX_KEY_BYTES));
        assertThat(in.deadLetter.payload()).isEqualTo(Arrays.copyOf(value, 520_000));
        assertThat(in.deadLetter.reason())
                .contains(
                        "(key truncated from 520000 to 1024 bytes, SHA-256 of the original "
                                + TransactionDeserializer.sha256(key)
                                + ")");
        assertThat(in.deadLetter.sourceOffset()).isEqualTo(7L);
    }

    @Test
    void aPayloadAboveTheContractsBoundIsCutToIt() {
        byte[] value = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 10];
        Arrays.fill(value, (byte) '{');

        Ingested in = deserializer.decode(recordBytes(null, value), NOW);

        assertThat(in.deadLetter.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(in.deadLetter.reason())
                .contains(
                        "(payload truncated from 524298 to 524288 bytes, SHA-256 of the original "
                                + TransactionDeserializer.sha256(value));
    }

    @Test
    void aTombstoneIsADeadLetterWithAnEmptyPayload() {
        Ingested in = deserializer.decode(recordBytes("k".getBytes(), null), NOW);

        assertThat(in.deadLetter.reason()).isEqualTo("payload: no bytes (null)");
        assertThat(in.deadLetter.payload()).isEmpty();
        assertThat(in.key).isEqualTo("k".getBytes());
    }

    private static String json(String timestamp) {
        return new String(jsonBytes(timestamp), StandardCharsets.UTF_8);
    }

    private static byte[] jsonBytes(String timestamp) {
        return ("{\"transactionId\":\"t-1\",\"accountId\":\"acct-1\",\"timestamp\":\""
                        + timestamp
                        + "\",\"amount\":\"12.00\",\"currency\":\"EUR\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, String value) {
        return recordBytes(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> recordBytes(byte[] key, byte[] value) {
        return new ConsumerRecord<>(
                "transactions",
                3,
                7L,
                42L,
                TimestampType.CREATE_TIME,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }
}
