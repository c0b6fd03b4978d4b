package io.fraudstream.job.config;

import io.fraudstream.events.config.ConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The start-up check of {@code kafka.verify-topics}: the job's three topics must exist before it is
 * submitted. Without it a missing alerts topic leaves the sink retrying metadata forever and the
 * job looks healthy while it emits nothing.
 */
public final class KafkaTopics {

    private static final Duration UNKNOWN_GRACE = Duration.ofSeconds(3);
    private static final Duration RETRY = Duration.ofMillis(200);

    private KafkaTopics() {}

    /**
     * Fails with a {@link ConfigException} naming the option of the first missing topic (the scores
     * and verdicts topics only when the job uses them), or {@code kafka.bootstrap-servers} when no
     * broker answers within {@code kafka.verify-topics}. Does nothing when that option is zero.
     */
    public static void verify(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        Duration timeout = kafka.verifyTopics();
        if (timeout.isZero()) {
            return;
        }
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put(kafka.transactionsTopic(), JobOptions.KAFKA_TOPIC_TRANSACTIONS);
        topics.put(kafka.alertsTopic(), JobOptions.KAFKA_TOPIC_ALERTS);
        topics.put(kafka.deadLettersTopic(), JobOptions.KAFKA_TOPIC_DEAD_LETTERS);
        if (config.scores().enabled()) {
            topics.put(kafka.scoresTopic(), JobOptions.KAFKA_TOPIC_SCORES);
        }
        if (config.feedback().enabled()) {
            topics.put(kafka.verdictsTopic(), JobOptions.KAFKA_TOPIC_VERDICTS);
        }
        if (config.rules().enabled()) {
            topics.put(kafka.rulesTopic(), JobOptions.KAFKA_TOPIC_RULES);
            topics.put(kafka.rulesStatusTopic(), JobOptions.KAFKA_TOPIC_RULES_STATUS);
            topics.put(kafka.ruleHitsTopic(), JobOptions.KAFKA_TOPIC_RULE_HITS);
        }

        Properties properties = new Properties();
        properties.putAll(kafka.properties());
        properties.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "" + millis);
        properties.setProperty(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "" + Math.min(millis, 30_000));
        long deadline = System.nanoTime() + timeout.toNanos();
        // A topic created a moment ago may not be in every broker's metadata yet: an unknown topic
        // is asked for again for a short grace period before it counts as missing.
        long graceEnd = System.nanoTime() + Math.min(timeout.toNanos(), UNKNOWN_GRACE.toNanos());
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                String unknown = firstUnknown(admin, topics, kafka, timeout, deadline);
                if (unknown == null) {
                    return;
                }
                if (System.nanoTime() >= graceEnd) {
                    throw new ConfigException(
                            topics.get(unknown)
                                    + ": topic "
                                    + unknown
                                    + " does not exist on "
                                    + kafka.bootstrapServers()
                                    + "; create it (bin/fraudstream stack up creates the"
                                    + " default topics) or name another");
                }
                LockSupport.parkNanos(RETRY.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while checking the Kafka topics");
        }
    }

    /** The first topic the brokers do not know, or null when all exist. */
    private static String firstUnknown(
            Admin admin,
            Map<String, String> topics,
            FraudJobConfig.Kafka kafka,
            Duration timeout,
            long deadline)
            throws InterruptedException {
        DescribeTopicsResult described = admin.describeTopics(topics.keySet());
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic :
                described.topicNameValues().entrySet()) {
            try {
                topic.getValue()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return topic.getKey();
                }
                throw new ConfigException(
                        JobOptions.KAFKA_BOOTSTRAP_SERVERS
                                + ": cannot describe topic "
                                + topic.getKey()
                                + " on "
                                + kafka.bootstrapServers()
                                + ": "
                                + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new ConfigException(
                        JobOptions.KAFKA_BOOTSTRAP_SERVERS
                                + ": no broker at "
                                + kafka.bootstrapServers()
                                + " answered within "
                                + timeout.toSeconds()
                                + " s (kafka.verify-topics; 0 skips this check)");
            }
        }
        return null;
    }
}
