package io.fraudstream.job.source;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TransactionCodec;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record of the transactions topic with the events codec. It never throws: a
 * record that does not decode becomes a dead letter carrying the reason, the original bytes and
 * where it came from, so bad input can neither fail the job nor be lost.
 */
public final class TransactionDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private static final long serialVersionUID = 1L;

    /** Dead letters keep at most this much of the original payload (the contract's bound). */
    static final int MAX_PAYLOAD = DeadLetter.MAX_PAYLOAD_BYTES;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        out.collect(decode(record));
    }

    static Ingested decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Ingested.valid(
                    TransactionCodec.INSTANCE.decode(record.value()), record.timestamp());
        } catch (InvalidEventException e) {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            String reason = e.getMessage();
            if (value.length > MAX_PAYLOAD) {
                reason += " (payload truncated from " + value.length + " bytes)";
                value = Arrays.copyOf(value, MAX_PAYLOAD);
            }
            DeadLetter letter =
                    new DeadLetter(
                            reason,
                            e.field(),
                            value,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            Instant.now());
            return Ingested.invalid(letter, record.key(), record.timestamp());
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
