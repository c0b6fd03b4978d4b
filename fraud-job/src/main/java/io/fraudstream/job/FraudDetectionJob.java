package io.fraudstream.job;

import io.fraudstream.events.Alert;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.config.KafkaTopics;
import io.fraudstream.job.detect.FraudDetector;
import io.fraudstream.job.sink.AlertSerializer;
import io.fraudstream.job.sink.DeadLetterSink;
import io.fraudstream.job.source.EventTimePolicy;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.job.source.OutlierTolerantWatermarks;
import io.fraudstream.job.source.RouteInvalidRecords;
import io.fraudstream.job.source.TransactionDeserializer;
import io.fraudstream.model.config.ConfigException;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The fraud-detection job: transactions from Kafka, decoded (bad records to the dead-letter topic),
 * keyed by account, evaluated on arrival by {@link FraudDetector}, alerts to Kafka. {@link #build}
 * wires the graph from any source and sinks, so tests run the same graph; {@link #main} only plugs
 * in Kafka.
 */
public final class FraudDetectionJob {

    public static final String UID_SOURCE = "transactions-source";
    public static final String UID_ROUTE = "route-invalid-records";
    public static final String UID_DETECT = "fraud-detector";
    public static final String UID_ALERT_SINK = "alerts-sink";
    public static final String UID_DEAD_LETTER_SINK = "dead-letters-sink";

    private FraudDetectionJob() {}

    public static void main(String[] args) throws Exception {
        FraudJobConfig config;
        Map<String, String> options;
        try {
            options = JobConfigLoader.options(args);
            config = FraudJobConfig.from(options);
            KafkaTopics.verify(config.kafka());
        } catch (ConfigException e) {
            System.err.println("fraud-job: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(options));
        build(env, config, kafkaSource(config), alertSink(config), deadLetterSink(config));
        env.execute(config.jobName());
    }

    /**
     * Job-level settings from the configuration: checkpointing, state backend, restart strategy,
     * and serialization without Kryo.
     */
    public static Configuration environment(FraudJobConfig config) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Operators never keep references to input records, so records need not be copied
        // between chained operators.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, config.bufferTimeout());
        if (!config.checkpoints().interval().isZero()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpoints().interval());
            conf.set(
                    CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                    config.checkpoints().mode() == FraudJobConfig.CheckpointMode.EXACTLY_ONCE
                            ? CheckpointingMode.EXACTLY_ONCE
                            : CheckpointingMode.AT_LEAST_ONCE);
            conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, config.checkpoints().timeout());
        }
        conf.set(StateBackendOptions.STATE_BACKEND, config.state().backend().toString());
        conf.set(
                CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
                config.state().incrementalCheckpoints());
        FraudJobConfig.Restart restart = config.restart();
        switch (restart.strategy()) {
            case NONE -> conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            case FIXED_DELAY -> {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                conf.set(
                        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                        restart.attempts());
                conf.set(
                        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restart.delay());
            }
            case EXPONENTIAL_DELAY -> {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
                conf.set(
                        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                        restart.delay());
                conf.set(
                        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                        restart.maxDelay());
            }
        }
        return conf;
    }

    /** Wires the job: source → route invalid → key by account → detect → alert sink. */
    public static void build(
            StreamExecutionEnvironment env,
            FraudJobConfig config,
            Source<Ingested, ?, ?> source,
            Sink<Alert> alertSink,
            Sink<Ingested> deadLetterSink) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        DataStream<Ingested> records =
                env.fromSource(source, watermarks(config), "transactions")
                        .uid(UID_SOURCE)
                        .returns(TypeInformation.of(Ingested.class));
        SingleOutputStreamOperator<Ingested> valid =
                records.process(new RouteInvalidRecords())
                        .uid(UID_ROUTE)
                        .name("route invalid records");
        valid.getSideOutput(RouteInvalidRecords.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .uid(UID_DEAD_LETTER_SINK)
                .name("dead letters");
        valid.keyBy(in -> in.transaction.accountId(), TypeInformation.of(String.class))
                .process(new FraudDetector(config))
                .uid(UID_DETECT)
                .name("detect fraud")
                .returns(TypeInformation.of(Alert.class))
                .sinkTo(alertSink)
                .uid(UID_ALERT_SINK)
                .name("alerts");
    }

    /**
     * Event time from each transaction; per partition, bounded out-of-orderness that tolerates a
     * few outliers ({@link OutlierTolerantWatermarks}) and idleness, from the configuration.
     * Invalid records, implausible times included, carry no event time and never move the
     * watermark.
     */
    public static WatermarkStrategy<Ingested> watermarks(FraudJobConfig config) {
        FraudJobConfig.Watermarks watermarks = config.watermarks();
        return WatermarkStrategy.<Ingested>forGenerator(
                        context ->
                                new OutlierTolerantWatermarks(
                                        watermarks.outOfOrderness(), watermarks.outlierTolerance()))
                .withIdleness(watermarks.idleness())
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime());
    }

    public static KafkaSource<Ingested> kafkaSource(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        OffsetsInitializer start =
                switch (kafka.startingOffsets()) {
                    case COMMITTED ->
                            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                };
        Properties properties = new Properties();
        properties.setProperty("partition.discovery.interval.ms", "60000");
        properties.putAll(kafka.properties());
        var builder =
                KafkaSource.<Ingested>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(kafka.transactionsTopic())
                        .setGroupId(kafka.groupId())
                        .setStartingOffsets(start)
                        .setDeserializer(new TransactionDeserializer(EventTimePolicy.of(config)))
                        .setProperties(properties);
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static KafkaSink<Alert> alertSink(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        Properties properties = producerProperties(config);
        boolean exactlyOnce =
                kafka.deliveryGuarantee() == FraudJobConfig.DeliveryGuarantee.EXACTLY_ONCE;
        if (exactlyOnce) {
            properties.setProperty(
                    "transaction.timeout.ms", Long.toString(kafka.transactionTimeout().toMillis()));
        }
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new AlertSerializer(kafka.alertsTopic()))
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix())
                .setKafkaProducerConfig(properties)
                .build();
    }

    /**
     * Dead letters are delivered at least once (duplicates are harmless diagnostics) and never fail
     * the job: see {@link DeadLetterSink}.
     */
    public static DeadLetterSink deadLetterSink(FraudJobConfig config) {
        Properties properties = producerProperties(config);
        properties.setProperty("bootstrap.servers", config.kafka().bootstrapServers());
        return new DeadLetterSink(config.kafka().deadLettersTopic(), properties);
    }

    private static Properties producerProperties(FraudJobConfig config) {
        Properties properties = new Properties();
        // Alerts are few and urgent: send at once rather than wait to fill a batch.
        properties.setProperty("linger.ms", "0");
        properties.setProperty("compression.type", "lz4");
        properties.putAll(config.kafka().properties());
        return properties;
    }
}
