package io.fraudstream.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.testing.KafkaClusterExtension;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up topic check against a real broker. */
class KafkaTopicsITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    /** A job without scores and verdicts topics, unless {@code extra} names them. */
    private static FraudJobConfig kafka(
            String bootstrap, String transactions, String alerts, String dlq, String verify) {
        return kafka(bootstrap, transactions, alerts, dlq, verify, Map.of());
    }

    private static FraudJobConfig kafka(
            String bootstrap,
            String transactions,
            String alerts,
            String dlq,
            String verify,
            Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        options.put(JobOptions.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
        options.put(JobOptions.KAFKA_TOPIC_TRANSACTIONS, transactions);
        options.put(JobOptions.KAFKA_TOPIC_ALERTS, alerts);
        options.put(JobOptions.KAFKA_TOPIC_DEAD_LETTERS, dlq);
        options.put(JobOptions.KAFKA_VERIFY_TOPICS, verify);
        options.put(JobOptions.SCORES_ENABLED, "false");
        options.put(JobOptions.FEEDBACK_ENABLED, "false");
        options.put(JobOptions.RULES_ENABLED, "false");
        options.putAll(extra);
        return FraudJobConfig.from(options);
    }

    @Test
    void passesWhenEveryTopicExists() {
        String tx = KAFKA.createTopic("tx", 2);
        String alerts = KAFKA.createTopic("alerts", 2);
        String dlq = KAFKA.createTopic("dlq", 1);

        assertThatCode(
                        () ->
                                KafkaTopics.verify(
                                        kafka(KAFKA.bootstrapServers(), tx, alerts, dlq, "30 s")))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheOptionOfAMissingTopic() {
        String tx = KAFKA.createTopic("tx", 2);
        String dlq = KAFKA.createTopic("dlq", 1);

        assertThatThrownBy(
                        () ->
                                KafkaTopics.verify(
                                        kafka(
                                                KAFKA.bootstrapServers(),
                                                tx,
                                                "no-such-alerts",
                                                dlq,
                                                "30 s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.topics.alerts: topic no-such-alerts does not exist");
    }

    @Test
    void checksTheScoresAndVerdictsTopicsWhenTheJobUsesThem() {
        String tx = KAFKA.createTopic("tx", 2);
        String alerts = KAFKA.createTopic("alerts", 2);
        String dlq = KAFKA.createTopic("dlq", 1);
        String scores = KAFKA.createTopic("scores", 2);

        assertThatThrownBy(
                        () ->
                                KafkaTopics.verify(
                                        kafka(
                                                KAFKA.bootstrapServers(),
                                                tx,
                                                alerts,
                                                dlq,
                                                "30 s",
                                                Map.of(
                                                        JobOptions.SCORES_ENABLED, "true",
                                                        JobOptions.KAFKA_TOPIC_SCORES, scores,
                                                        JobOptions.FEEDBACK_ENABLED, "true",
                                                        JobOptions.KAFKA_TOPIC_VERDICTS,
                                                                "no-such-verdicts"))))
                .hasMessageStartingWith(
                        "kafka.topics.verdicts: topic no-such-verdicts does not exist");
    }

    @Test
    void checksTheThreeRuleTopicsWhenRulesAreOn() {
        String tx = KAFKA.createTopic("tx", 2);
        String alerts = KAFKA.createTopic("alerts", 2);
        String dlq = KAFKA.createTopic("dlq", 1);
        String rules = KAFKA.createTopic("rules", 1);
        String status = KAFKA.createTopic("rules-status", 1);

        assertThatThrownBy(
                        () ->
                                KafkaTopics.verify(
                                        kafka(
                                                KAFKA.bootstrapServers(),
                                                tx,
                                                alerts,
                                                dlq,
                                                "30 s",
                                                Map.of(
                                                        JobOptions.RULES_ENABLED,
                                                        "true",
                                                        JobOptions.KAFKA_TOPIC_RULES,
                                                        rules,
                                                        JobOptions.KAFKA_TOPIC_RULES_STATUS,
                                                        status,
                                                        JobOptions.KAFKA_TOPIC_RULE_HITS,
                                                        "no-such-hits"))))
                .hasMessageStartingWith(
                        "kafka.topics.rule-hits: topic no-such-hits does not exist");
    }

    @Test
    void namesTheBootstrapServersWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(
                        () ->
                                KafkaTopics.verify(
                                        kafka("127.0.0.1:" + closedPort, "a", "b", "c", "2 s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.bootstrap-servers: no broker at 127.0.0.1:")
                .hasMessageContaining("2 s");
    }

    @Test
    void zeroSkipsTheCheck() {
        FraudJobConfig kafka = kafka("127.0.0.1:1", "a", "b", "c", "0 s");
        assertThat(kafka.kafka().verifyTopics()).isZero();
        assertThatCode(() -> KafkaTopics.verify(kafka)).doesNotThrowAnyException();
    }
}
