package io.fraudstream.job.bench;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.job.FraudDetectionJob;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.source.Ingested;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's baseline: the same Kafka source, decoding and watermarks as the fraud job, then
 * straight back to Kafka re-encoded, with no keying and no detection. The fraud job's throughput
 * divided by this one's is what detection costs. Reads the same options as the fraud job; the
 * transactions are written to the alerts topic option.
 */
public final class PassThroughJob {

    private PassThroughJob() {}

    public static void main(String[] args) throws Exception {
        FraudJobConfig config;
        try {
            config = JobConfigLoader.load(args);
        } catch (ConfigException e) {
            System.err.println("pass-through job: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FraudDetectionJob.environment(config));
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        String topic = config.kafka().alertsTopic();
        KafkaSink<Ingested> sink =
                KafkaSink.<Ingested>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setRecordSerializer(new Reencode(topic))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        env.fromSource(
                        FraudDetectionJob.kafkaSource(config),
                        FraudDetectionJob.watermarks(config),
                        "transactions")
                .uid(FraudDetectionJob.UID_SOURCE)
                .returns(TypeInformation.of(Ingested.class))
                .filter(Ingested::isValid)
                .uid("valid-only")
                .name("valid only")
                .sinkTo(sink)
                .uid("pass-through-sink")
                .name("pass through");
        env.execute(config.jobName() + "-pass-through");
    }

    /** Encodes each transaction again, keyed by account, as the fraud job's sink would. */
    static final class Reencode implements KafkaRecordSerializationSchema<Ingested> {

        private static final long serialVersionUID = 1L;
        private final String topic;

        Reencode(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Ingested in, KafkaSinkContext context, Long timestamp) {
            Transaction tx = in.transaction;
            return new ProducerRecord<>(
                    topic,
                    null,
                    null,
                    tx.accountId().getBytes(StandardCharsets.UTF_8),
                    TransactionCodec.INSTANCE.encode(tx));
        }
    }
}
