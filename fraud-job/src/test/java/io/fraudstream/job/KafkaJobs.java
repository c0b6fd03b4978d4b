package io.fraudstream.job;

import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.score.Models;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The job as {@code main} wires it, on Kafka topics of a test broker, for the ITCases. */
final class KafkaJobs {

    private KafkaJobs() {}

    /**
     * The defaults on the given broker and topics, from the earliest offsets, at parallelism 2,
     * checkpointing every second, plus {@code overrides}.
     */
    static FraudJobConfig config(
            String bootstrapServers,
            String transactions,
            String alerts,
            String deadLetters,
            Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        options.put("kafka.bootstrap-servers", bootstrapServers);
        options.put("kafka.topics.transactions", transactions);
        options.put("kafka.topics.alerts", alerts);
        options.put("kafka.topics.dead-letters", deadLetters);
        options.put("kafka.starting-offsets", "earliest");
        options.put("job.parallelism", "2");
        options.put("checkpoints.interval", "1 s");
        // The detectors alone, without scores or verdicts topics, unless a test asks for them.
        options.put("model.path", "none");
        options.put("scores.enabled", "false");
        options.put("feedback.enabled", "false");
        options.put("rules.enabled", "false");
        options.putAll(overrides);
        return FraudJobConfig.from(options);
    }

    /**
     * An environment of the current context holding the whole job with its Kafka source and sinks.
     */
    static StreamExecutionEnvironment job(FraudJobConfig config) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FraudDetectionJob.environment(config));
        FraudDetectionJob.build(
                env, config, Models.scorer(config), FraudDetectionJob.kafka(config));
        return env;
    }

    /**
     * A MiniCluster's configuration with its REST endpoint on any free port: the default, 8081, may
     * be a running local stack's (or another test JVM's).
     */
    static org.apache.flink.configuration.Configuration miniClusterConfiguration() {
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.RestOptions.BIND_PORT, "0");
        return conf;
    }
}
