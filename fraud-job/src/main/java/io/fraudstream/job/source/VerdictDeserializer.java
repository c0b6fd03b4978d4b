package io.fraudstream.job.source;

import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the verdicts topic. Like the transactions, it never throws: a record that does not
 * decode, or whose {@code decidedAt} is implausible, is a dead letter with the reason (bounded, on
 * the same dead-letter topic), so a bad verdict can neither fail the job nor move its event time.
 */
public final class VerdictDeserializer implements KafkaRecordDeserializationSchema<VerdictRecord> {

    private static final long serialVersionUID = 1L;

    private final EventTimePolicy eventTime;

    public VerdictDeserializer(EventTimePolicy eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<VerdictRecord> out) {
        out.collect(decode(record, System.currentTimeMillis()));
    }

    VerdictRecord decode(ConsumerRecord<byte[], byte[]> record, long nowMs) {
        Verdict verdict;
        try {
            verdict = VerdictCodec.INSTANCE.decode(record.value());
        } catch (InvalidEventException e) {
            return VerdictRecord.invalid(
                    TransactionDeserializer.deadLetter(record, e.getMessage(), e.field(), nowMs));
        }
        String implausible = eventTime.violation("decidedAt", verdict.decidedAt(), nowMs);
        if (implausible != null) {
            Ingested rejected =
                    TransactionDeserializer.deadLetter(record, implausible, "decidedAt", nowMs);
            rejected.implausibleTime = true;
            return VerdictRecord.invalid(rejected);
        }
        return VerdictRecord.valid(verdict);
    }

    @Override
    public TypeInformation<VerdictRecord> getProducedType() {
        return TypeInformation.of(VerdictRecord.class);
    }
}
