package io.fraudstream.job.sink;

import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleHitCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rule hits to the hits topic, keyed by rule id. */
public final class RuleHitSerializer implements KafkaRecordSerializationSchema<RuleHit> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public RuleHitSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            RuleHit value, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                value.ruleId().getBytes(StandardCharsets.UTF_8),
                RuleHitCodec.INSTANCE.encode(value));
    }
}
