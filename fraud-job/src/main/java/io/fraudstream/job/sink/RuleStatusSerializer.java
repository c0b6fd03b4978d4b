package io.fraudstream.job.sink;

import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rule statuses to the compacted status topic, keyed by rule id: the latest per rule stays. */
public final class RuleStatusSerializer implements KafkaRecordSerializationSchema<RuleStatus> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public RuleStatusSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            RuleStatus value, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                value.ruleId().getBytes(StandardCharsets.UTF_8),
                RuleStatusCodec.INSTANCE.encode(value));
    }
}
