package io.fraudstream.job.sink;

import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.job.source.Ingested;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rejected records to the dead-letter topic as DeadLetter JSON, under their original key. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<Ingested> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Ingested rejected, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                rejected.key,
                DeadLetterCodec.INSTANCE.encode(rejected.deadLetter));
    }
}
