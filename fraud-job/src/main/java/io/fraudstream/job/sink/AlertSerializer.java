package io.fraudstream.job.sink;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alerts to the alert topic as Alert JSON, keyed by account so one account's alerts stay in order.
 * Each record carries a {@value #HANDOFF_HEADER} header: when the job handed it to its Kafka
 * producer (epoch ms, ASCII digits), so the time between the alert's {@code detectedAt} and its
 * append to the topic splits into the job's sink and the producer's round trip.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    /** The record header holding the hand-off time. */
    public static final String HANDOFF_HEADER = "fraudstream-handoff-ms";

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Alert alert, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        null,
                        alert.accountId().getBytes(StandardCharsets.UTF_8),
                        AlertCodec.INSTANCE.encode(alert));
        record.headers()
                .add(
                        HANDOFF_HEADER,
                        Long.toString(System.currentTimeMillis())
                                .getBytes(StandardCharsets.US_ASCII));
        return record;
    }
}
