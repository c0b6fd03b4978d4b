package io.fraudstream.txgen.cli;

import io.fraudstream.events.Topic;
import io.fraudstream.txgen.sink.Destinations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The output options {@code generate} and {@code replay} share: Kafka or a file, and labels. */
public final class OutputOptions {

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            description =
                    "Write the transactions as JSON lines to FILE instead of Kafka ('-' for"
                            + " standard output; a name ending in .gz is compressed).")
    String out;

    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,...]",
            description =
                    "Kafka brokers. Default: the local stack (bin/fraudstream stack up),"
                            + " 127.0.0.1:9092 unless it was started on another port.")
    String bootstrapServers;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "NAME",
            description = "Topic for the transactions, keyed by accountId. Default: transactions.")
    String topic;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description =
                    "Write the ground truth to FILE: one JSON line per fraudulent transaction"
                            + " (transactionId, accountId, timestamp, fraud, scenario, terminalId).")
    String labelsFile;

    @Option(
            names = "--labels-topic",
            paramLabel = "NAME",
            description =
                    "Send the ground truth to this topic, keyed by accountId, with producedAt (the"
                            + " wall clock at send) for end-to-end latency.")
    String labelsTopic;

    @Option(
            names = "--labels-all",
            description =
                    "Label genuine transactions too (fraud=false, scenario genuine), not only the"
                            + " fraudulent ones.")
    boolean labelsAll;

    @Option(
            names = {"-X", "--producer-property"},
            paramLabel = "KEY=VALUE",
            description =
                    "A Kafka client property, such as security.protocol=SASL_SSL; repeatable."
                            + " Overrides the throughput defaults (acks=all, idempotence, lz4,"
                            + " linger.ms=10, batch.size=262144).")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(
            names = "--create-topic",
            description =
                    "Create a missing topic (with --partitions partitions) instead of failing.")
    boolean createTopic;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description =
                    "Partitions of a topic that --create-topic creates. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            converter = Converters.Span.class,
            description =
                    "How long to wait for Kafka to answer at start-up. Default: ${DEFAULT-VALUE}.")
    Duration kafkaTimeout;

    /** Options that only mean something when sending to Kafka. */
    private static final List<String> KAFKA_ONLY =
            List.of(
                    "--bootstrap-servers",
                    "--topic",
                    "--producer-property",
                    "--create-topic",
                    "--partitions",
                    "--kafka-timeout");

    /** Whether the transactions go to Kafka (no {@code --out}). */
    public boolean kafka() {
        return out == null;
    }

    public boolean labelsAll() {
        return labelsAll;
    }

    /**
     * Rejects combinations that make no sense, as usage errors.
     *
     * @param kafkaOnlyExtra further options of the command that need Kafka (or a topic)
     */
    public void validate(CommandLine cl, List<String> kafkaOnlyExtra) {
        var parsed = cl.getParseResult();
        if (out != null) {
            for (String option : concat(KAFKA_ONLY, kafkaOnlyExtra)) {
                if (parsed.hasMatchedOption(option)) {
                    throw new ParameterException(
                            cl, option + " is for sending to Kafka; leave it out with --out");
                }
            }
        }
        if (out != null && labelsTopic != null) {
            throw new ParameterException(
                    cl,
                    "--labels-topic needs Kafka output; with --out write labels with --labels FILE");
        }
        if (partitions < 1) {
            throw new ParameterException(cl, "--partitions must be >= 1, was " + partitions);
        }
        if (kafkaTimeout.isZero() || kafkaTimeout.isNegative()) {
            throw new ParameterException(cl, "--kafka-timeout must be > 0, was " + kafkaTimeout);
        }
        if (labelsAll && labelsFile == null && labelsTopic == null) {
            throw new ParameterException(
                    cl, "--labels-all needs --labels FILE or --labels-topic NAME");
        }
        if (out != null && out.equals(labelsFile)) {
            throw new ParameterException(cl, "--labels must name another file than --out");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The destinations, with verdicts to a file or topic (both null when none). */
    public Destinations destinations(String verdictsFile, String verdictsTopic) {
        return new Destinations(
                out,
                bootstrapServers != null ? bootstrapServers : StackAddress.bootstrapServers(),
                topic != null ? topic : Topic.TRANSACTIONS.defaultName(),
                labelsFile,
                labelsTopic,
                verdictsFile,
                verdictsTopic,
                producerProperties,
                createTopic,
                partitions,
                kafkaTimeout);
    }
}
