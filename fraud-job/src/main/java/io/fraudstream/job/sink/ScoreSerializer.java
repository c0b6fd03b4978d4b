package io.fraudstream.job.sink;

import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Scores to the scores topic as TransactionScore JSON, keyed by account. */
public final class ScoreSerializer implements KafkaRecordSerializationSchema<TransactionScore> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public ScoreSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            TransactionScore score, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                score.accountId().getBytes(StandardCharsets.UTF_8),
                TransactionScoreCodec.INSTANCE.encode(score));
    }
}
