package io.fraudstream.job.sink;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alerts to the alert topic as Alert JSON, keyed by account so one account's alerts stay in order.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Alert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                alert.accountId().getBytes(StandardCharsets.UTF_8),
                AlertCodec.INSTANCE.encode(alert));
    }
}
