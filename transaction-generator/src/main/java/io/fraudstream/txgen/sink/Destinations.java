package io.fraudstream.txgen.sink;

import java.time.Duration;
import java.util.Map;

/**
 * Where the records of a run go: transactions to a file or a Kafka topic; labels and verdicts to
 * files and/or topics (null where not wanted).
 *
 * @param transactionsFile JSON-lines file for the transactions ({@code -} for stdout), or null for
 *     Kafka
 * @param bootstrapServers Kafka brokers, used when anything goes to a topic
 * @param transactionsTopic topic for the transactions in Kafka mode
 * @param labelsFile JSON-lines file for the ground truth, or null
 * @param labelsTopic topic for the ground truth, or null
 * @param verdictsFile JSON-lines file for chargeback verdicts, or null
 * @param verdictsTopic topic for chargeback verdicts, or null
 * @param producerProperties client properties that override the tuned defaults
 * @param createTopics whether to create a missing topic instead of failing
 * @param partitions partitions of a created topic
 * @param kafkaTimeout how long to wait for the brokers at start-up
 */
public record Destinations(
        String transactionsFile,
        String bootstrapServers,
        String transactionsTopic,
        String labelsFile,
        String labelsTopic,
        String verdictsFile,
        String verdictsTopic,
        Map<String, String> producerProperties,
        boolean createTopics,
        int partitions,
        Duration kafkaTimeout) {

    public Destinations {
        producerProperties = Map.copyOf(producerProperties);
    }

    /** Whether the transactions go to Kafka. */
    public boolean kafka() {
        return transactionsFile == null;
    }

    boolean usesKafka() {
        return kafka() || labelsTopic != null || verdictsTopic != null;
    }

    public boolean labelled() {
        return labelsFile != null || labelsTopic != null;
    }

    /** Where the transactions go, for people: {@code topic transactions at 127.0.0.1:9092}. */
    public String describe() {
        return kafka()
                ? "topic " + transactionsTopic + " at " + bootstrapServers
                : JsonLinesFile.STDOUT.equals(transactionsFile)
                        ? "standard output"
                        : transactionsFile;
    }

    /** Where the labels go, for people, or null. */
    public String describeLabels() {
        if (labelsFile != null && labelsTopic != null) {
            return labelsFile + " and topic " + labelsTopic;
        }
        return labelsFile != null
                ? labelsFile
                : labelsTopic != null ? "topic " + labelsTopic : null;
    }

    /** Where the verdicts go, for people, or null. */
    public String describeVerdicts() {
        return verdictsFile != null
                ? verdictsFile
                : verdictsTopic != null ? "topic " + verdictsTopic : null;
    }
}
