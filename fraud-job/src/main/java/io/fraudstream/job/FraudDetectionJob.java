package io.fraudstream.job;

import io.fraudstream.events.Alert;
import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.config.KafkaTopics;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.detect.CardScorer;
import io.fraudstream.job.entity.EntityEvent;
import io.fraudstream.job.entity.EntityRiskTracker;
import io.fraudstream.job.entity.EntitySnapshot;
import io.fraudstream.job.exchange.CardInputSerializer;
import io.fraudstream.job.exchange.EntityEventSerializer;
import io.fraudstream.job.rules.RuleStreams;
import io.fraudstream.job.rules.RuleUpdate;
import io.fraudstream.job.rules.RuleUpdateDeserializer;
import io.fraudstream.job.score.Models;
import io.fraudstream.job.sink.AlertSerializer;
import io.fraudstream.job.sink.DeadLetterSink;
import io.fraudstream.job.sink.RuleHitSerializer;
import io.fraudstream.job.sink.RuleStatusSerializer;
import io.fraudstream.job.sink.ScoreSerializer;
import io.fraudstream.job.source.EventTimePolicy;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.job.source.OutlierTolerantWatermarks;
import io.fraudstream.job.source.RouteInvalidRecords;
import io.fraudstream.job.source.RouteInvalidVerdicts;
import io.fraudstream.job.source.TransactionDeserializer;
import io.fraudstream.job.source.VerdictDeserializer;
import io.fraudstream.job.source.VerdictRecord;
import io.fraudstream.model.scoring.Scorer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.GlobalConfiguration;
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
import org.apache.flink.util.Collector;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The fraud-detection job: transactions and verdicts from Kafka, decoded (bad records to the
 * dead-letter topic); every terminal and merchant tracked for confirmed fraud ({@link
 * EntityRiskTracker}, risky ones broadcast); every transaction scored per account ({@link
 * CardScorer}) against the card, its entities and the model; scores and alerts to Kafka. {@link
 * #build} wires the graph from any sources and sinks ({@link Connectors}), so tests run the same
 * graph; {@link #main} only plugs in Kafka and the model.
 *
 * <pre>
 *  [transactions] ─ decode ─┬─ key by account ─────────────┐
 *  [fraud-verdicts] ─ decode┼─ key by account ─────────────┼─ score (CardScorer) ─┬─ [fraud-alerts]
 *                           └─ key by terminal/merchant ─ track entity risk ─ broadcast ┘ └─ [transaction-scores]
 *  bad records of both ─────────────────────────────────────────────── [transactions-dlq]
 * </pre>
 */
public final class FraudDetectionJob {

    public static final String UID_SOURCE = "transactions-source";
    public static final String UID_ROUTE = "route-invalid-records";
    public static final String UID_VERDICT_SOURCE = "verdicts-source";
    public static final String UID_VERDICT_ROUTE = "route-invalid-verdicts";
    public static final String UID_ENTITIES = "entity-risk";
    public static final String UID_DETECT = "fraud-detector";
    public static final String UID_ALERT_SINK = "alerts-sink";
    public static final String UID_SCORE_SINK = "scores-sink";
    public static final String UID_DEAD_LETTER_SINK = "dead-letters-sink";

    private static final long DAY_MS = 86_400_000L;

    /**
     * Where the job reads and writes.
     *
     * @param verdicts null when {@code feedback.enabled} is false
     * @param scores null when {@code scores.enabled} is false
     * @param rules the rules topic; null when {@code rules.enabled} is false, as are the two rule
     *     sinks
     * @param ruleFiles the rules of {@code rules.dir}, read at submission
     */
    public record Connectors(
            Source<Ingested, ?, ?> transactions,
            Source<VerdictRecord, ?, ?> verdicts,
            Sink<Alert> alerts,
            Sink<TransactionScore> scores,
            Sink<Ingested> deadLetters,
            Source<RuleUpdate, ?, ?> rules,
            Sink<RuleStatus> ruleStatus,
            Sink<RuleHit> ruleHits,
            List<RuleUpdate> ruleFiles) {}

    private FraudDetectionJob() {}

    public static void main(String[] args) throws Exception {
        FraudJobConfig config;
        Map<String, String> options;
        Scorer scorer;
        Connectors io;
        try {
            options = JobConfigLoader.options(args);
            config = FraudJobConfig.from(options);
            scorer = Models.scorer(config);
            io = kafka(config);
            KafkaTopics.verify(config);
        } catch (ConfigException e) {
            System.err.println("fraud-job: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(shown(options)));
        build(env, config, scorer, io);
        env.execute(config.jobName());
    }

    /**
     * The options as the Flink web UI and REST API show them (the job's user configuration): the
     * values of secrets such as {@code kafka.properties.sasl.jaas.config} or a trust store's
     * password hidden, by Flink's own rule for sensitive keys.
     */
    static Map<String, String> shown(Map<String, String> options) {
        Map<String, String> shown = new TreeMap<>();
        options.forEach(
                (key, value) ->
                        shown.put(
                                key,
                                GlobalConfiguration.isSensitive(key)
                                        ? GlobalConfiguration.HIDDEN_CONTENT
                                        : value));
        return shown;
    }

    /**
     * The Kafka sources and sinks of the configuration, and the rule files (a bad one fails here,
     * naming the file and the field).
     */
    public static Connectors kafka(FraudJobConfig config) {
        boolean rules = config.rules().enabled();
        return new Connectors(
                kafkaSource(config),
                config.feedback().enabled() ? verdictSource(config) : null,
                alertSink(config),
                config.scores().enabled() ? scoreSink(config) : null,
                deadLetterSink(config),
                rules ? rulesSource(config) : null,
                rules ? ruleStatusSink(config) : null,
                rules ? ruleHitsSink(config) : null,
                rules ? RuleStreams.files(config.rules().dir()) : List.of());
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
            if (!config.checkpoints().dir().isEmpty()) {
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpoints().dir());
            }
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

    /** Wires the job; see the class comment for the graph. */
    public static void build(
            StreamExecutionEnvironment env, FraudJobConfig config, Scorer scorer, Connectors io) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        DataStream<Ingested> records =
                env.fromSource(io.transactions(), watermarks(config), "transactions")
                        .uid(UID_SOURCE)
                        .returns(TypeInformation.of(Ingested.class));
        SingleOutputStreamOperator<Ingested> valid =
                records.process(new RouteInvalidRecords())
                        .uid(UID_ROUTE)
                        .name("route invalid records");
        DataStream<Ingested> deadLetters = valid.getSideOutput(RouteInvalidRecords.DEAD_LETTERS);
        DataStream<CardInput> cardInputs;
        if (io.rules() != null) {
            RuleStreams.Wired rules = RuleStreams.wire(env, valid, io.rules(), io.ruleFiles());
            cardInputs = rules.cardInputs();
            rules.statuses()
                    .sinkTo(io.ruleStatus())
                    .uid(RuleStreams.UID_STATUS_SINK)
                    .name("rule statuses");
            rules.hits().sinkTo(io.ruleHits()).uid(RuleStreams.UID_HITS_SINK).name("rule hits");
        } else {
            cardInputs =
                    valid.map(CardInput::of)
                            .name("transactions to score")
                            .returns(CardInputSerializer.TYPE);
        }
        DataStream<EntitySnapshot> entityRisk = null;
        if (config.feedback().enabled()) {
            SingleOutputStreamOperator<Verdict> verdicts =
                    env.fromSource(io.verdicts(), verdictWatermarks(config), "verdicts")
                            .uid(UID_VERDICT_SOURCE)
                            .returns(TypeInformation.of(VerdictRecord.class))
                            .process(new RouteInvalidVerdicts())
                            .uid(UID_VERDICT_ROUTE)
                            .name("route invalid verdicts");
            deadLetters =
                    deadLetters.union(verdicts.getSideOutput(RouteInvalidRecords.DEAD_LETTERS));
            cardInputs =
                    cardInputs.union(
                            verdicts.map(CardInput::of)
                                    .name("verdicts on cards")
                                    .returns(CardInputSerializer.TYPE));
            DataStream<EntityEvent> entityEvents =
                    valid.flatMap(FraudDetectionJob::transactionEntities)
                            .name("transactions per entity")
                            .returns(EntityEventSerializer.TYPE)
                            .union(
                                    verdicts.flatMap(FraudDetectionJob::verdictEntities)
                                            .name("frauds per entity")
                                            .returns(EntityEventSerializer.TYPE));
            entityRisk =
                    entityEvents
                            .keyBy(e -> e.key, TypeInformation.of(String.class))
                            .process(new EntityRiskTracker())
                            .uid(UID_ENTITIES)
                            .name("track entity risk")
                            .returns(TypeInformation.of(EntitySnapshot.class));
        } else {
            // No feedback: the scoring operator still has a broadcast input, which never speaks.
            entityRisk =
                    env.fromData(
                                    TypeInformation.of(EntitySnapshot.class),
                                    EntitySnapshot.of("none", Long.MIN_VALUE, null))
                            .filter(snapshot -> false)
                            .name("no entity risk")
                            .returns(TypeInformation.of(EntitySnapshot.class));
        }
        deadLetters.sinkTo(io.deadLetters()).uid(UID_DEAD_LETTER_SINK).name("dead letters");
        SingleOutputStreamOperator<Alert> alerts =
                cardInputs
                        .keyBy(CardInput::accountId, TypeInformation.of(String.class))
                        .connect(entityRisk.broadcast(CardScorer.ENTITIES))
                        .process(new CardScorer(config, scorer))
                        .uid(UID_DETECT)
                        .name("score transactions")
                        .returns(TypeInformation.of(Alert.class));
        alerts.sinkTo(io.alerts()).uid(UID_ALERT_SINK).name("alerts");
        if (io.scores() != null) {
            alerts.getSideOutput(CardScorer.SCORES)
                    .sinkTo(io.scores())
                    .uid(UID_SCORE_SINK)
                    .name("scores");
        }
    }

    /** One event per entity the transaction names, keyed {@code T:id} / {@code M:id}. */
    static void transactionEntities(Ingested in, Collector<EntityEvent> out) {
        Transaction tx = in.transaction;
        long day = Math.floorDiv(tx.timestamp().toEpochMilli(), DAY_MS);
        if (tx.terminalId() != null) {
            out.collect(EntityEvent.transaction(EntityEvent.terminalKey(tx.terminalId()), day));
        }
        if (tx.merchantId() != null) {
            out.collect(EntityEvent.transaction(EntityEvent.merchantKey(tx.merchantId()), day));
        }
    }

    /**
     * A FRAUD verdict, once per entity it names, on the day of the labelled transaction (or of the
     * decision, when the verdict does not say), known from {@code decidedAt} (it counts for
     * transactions from {@code decidedAt} plus the lag, which read what was known at their time
     * minus the lag).
     */
    static void verdictEntities(Verdict v, Collector<EntityEvent> out) {
        if (v.label() != Verdict.Label.FRAUD) {
            return;
        }
        long knownAt = v.decidedAt().toEpochMilli();
        long day =
                Math.floorDiv(
                        (v.eventTime() != null ? v.eventTime() : v.decidedAt()).toEpochMilli(),
                        DAY_MS);
        long hash = transactionHash(v);
        if (v.terminalId() != null) {
            out.collect(
                    EntityEvent.fraud(EntityEvent.terminalKey(v.terminalId()), day, knownAt, hash));
        }
        if (v.merchantId() != null) {
            out.collect(
                    EntityEvent.fraud(EntityEvent.merchantKey(v.merchantId()), day, knownAt, hash));
        }
    }

    /** A stable hash of what a verdict labels: two verdicts on one transaction share it. */
    static long transactionHash(Verdict v) {
        String id = v.transactionId() != null ? "t:" + v.transactionId() : "a:" + v.alertId();
        long h = 1125899906842597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        return h;
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

    /** Verdicts' event time is their {@code decidedAt}; a quiet partition goes idle sooner. */
    public static WatermarkStrategy<VerdictRecord> verdictWatermarks(FraudJobConfig config) {
        return WatermarkStrategy.<VerdictRecord>forBoundedOutOfOrderness(
                        config.watermarks().outOfOrderness())
                .withIdleness(config.feedback().idleness())
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime());
    }

    /** The verdicts, read from the same starting point as the transactions, bounded alike. */
    public static KafkaSource<VerdictRecord> verdictSource(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        var builder =
                KafkaSource.<VerdictRecord>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(kafka.verdictsTopic())
                        .setGroupId(kafka.groupId() + "-verdicts")
                        .setStartingOffsets(startingOffsets(kafka))
                        .setDeserializer(new VerdictDeserializer(EventTimePolicy.of(config)))
                        .setProperties(sourceProperties(kafka));
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The rules topic, always from the earliest offset: it is compacted, so that is every rule's
     * latest version (the validator skips what the job already runs). Bounded like the
     * transactions, so a bounded run ends.
     */
    public static KafkaSource<RuleUpdate> rulesSource(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        var builder =
                KafkaSource.<RuleUpdate>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(kafka.rulesTopic())
                        .setGroupId(kafka.groupId() + "-rules")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RuleUpdateDeserializer())
                        .setProperties(sourceProperties(kafka));
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Rule statuses: at least once (a status repeated is the same status). */
    public static KafkaSink<RuleStatus> ruleStatusSink(FraudJobConfig config) {
        return KafkaSink.<RuleStatus>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setRecordSerializer(new RuleStatusSerializer(config.kafka().rulesStatusTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(producerProperties(config))
                .build();
    }

    /** Rule hits: at least once, like the dead letters (counted for analysts, not acted on). */
    public static KafkaSink<RuleHit> ruleHitsSink(FraudJobConfig config) {
        Properties properties = producerProperties(config);
        properties.setProperty("linger.ms", "5");
        return KafkaSink.<RuleHit>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setRecordSerializer(new RuleHitSerializer(config.kafka().ruleHitsTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(properties)
                .build();
    }

    public static KafkaSource<Ingested> kafkaSource(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        var builder =
                KafkaSource.<Ingested>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(kafka.transactionsTopic())
                        .setGroupId(kafka.groupId())
                        .setStartingOffsets(startingOffsets(kafka))
                        .setDeserializer(new TransactionDeserializer(EventTimePolicy.of(config)))
                        .setProperties(sourceProperties(kafka));
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static OffsetsInitializer startingOffsets(FraudJobConfig.Kafka kafka) {
        return switch (kafka.startingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }

    private static Properties sourceProperties(FraudJobConfig.Kafka kafka) {
        Properties properties = new Properties();
        properties.setProperty("partition.discovery.interval.ms", "60000");
        properties.putAll(kafka.properties());
        return properties;
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

    /** Scores go out like alerts: keyed by account, with the alerts' delivery guarantee. */
    public static KafkaSink<TransactionScore> scoreSink(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        // A score per transaction: batch, unlike the rare and urgent alerts (16 KiB, the
        // producer's default, is 40 scores; scores.batch-size and scores.linger), and compress
        // with zstd's fastest level: Kafka's LZ4 is pure Java here and took a sixth of the
        // TaskManager's time (docs/BENCHMARKS.md). The client properties still override all.
        Properties properties = new Properties();
        properties.setProperty("compression.type", "zstd");
        properties.setProperty("compression.zstd.level", "1");
        properties.setProperty("linger.ms", Long.toString(config.scores().linger().toMillis()));
        properties.setProperty("batch.size", Long.toString(config.scores().batchSize()));
        properties.putAll(config.kafka().properties());
        boolean exactlyOnce =
                kafka.deliveryGuarantee() == FraudJobConfig.DeliveryGuarantee.EXACTLY_ONCE;
        if (exactlyOnce) {
            properties.setProperty(
                    "transaction.timeout.ms", Long.toString(kafka.transactionTimeout().toMillis()));
        }
        return KafkaSink.<TransactionScore>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new ScoreSerializer(kafka.scoresTopic()))
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-scores")
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
