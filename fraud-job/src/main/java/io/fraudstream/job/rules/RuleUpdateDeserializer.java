package io.fraudstream.job.rules;

import io.fraudstream.model.rules.RuleParser;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the rules topic without ever throwing: every record becomes a {@link RuleUpdate} for the
 * validator, which publishes why a bad one was refused.
 */
public final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        out.collect(RuleUpdate.record(record.key(), record.value(), RuleParser.MAX_BYTES));
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
