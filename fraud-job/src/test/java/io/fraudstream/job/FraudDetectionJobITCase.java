package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.testing.KafkaClusterExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink MiniCluster (parallelism 2) against a real Kafka broker: a scripted
 * scenario per detector yields exactly the expected alerts, and malformed records reach the
 * dead-letter topic with their reasons while the good records around them are still processed.
 */
class FraudDetectionJobITCase {

    @RegisterExtension
    @Order(1)
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final double BERLIN_LAT = 52.52;
    private static final double BERLIN_LON = 13.405;
    private static final double PARIS_LAT = 48.8566;
    private static final double PARIS_LON = 2.3522;

    private final List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
    private int sequence;
    private String transactionsTopic;

    @Test
    void eachDetectorsScenarioYieldsExactlyItsAlertAndBadRecordsGoToTheDeadLetterTopic()
            throws Exception {
        transactionsTopic = KAFKA.createTopic("transactions", 2);
        String alertsTopic = KAFKA.createTopic("alerts", 2);
        String deadLettersTopic = KAFKA.createTopic("dead-letters", 1);

        // Velocity: six purchases within five minutes; the sixth alerts.
        for (int i = 0; i < 5; i++) {
            online("acct-velocity", T0.plusSeconds(60L * i), "12.00");
        }
        String velocity = online("acct-velocity", T0.plusSeconds(290), "12.00");
        // Spend burst: 1,200 within half an hour on a new account.
        online("acct-spend", T0, "400.00");
        online("acct-spend", T0.plusSeconds(600), "400.00");
        String spend = online("acct-spend", T0.plusSeconds(1200), "400.00");
        // Amount anomaly: a dozen purchases around 20, hours apart, then 400.
        for (int i = 0; i < 12; i++) {
            online("acct-amount", T0.plusSeconds(3600L * i), i % 2 == 0 ? "19.50" : "21.00");
        }
        String amount = online("acct-amount", T0.plusSeconds(3600L * 13), "400.00");
        // Card testing: two probes, then a large purchase within minutes.
        online("acct-testing", T0, "0.99");
        online("acct-testing", T0.plusSeconds(60), "1.49");
        String testing = online("acct-testing", T0.plusSeconds(240), "250.00");
        // Impossible travel: Berlin, then Paris thirty minutes later, both card present.
        present("acct-travel", T0, BERLIN_LAT, BERLIN_LON);
        String travel = present("acct-travel", T0.plusSeconds(1800), PARIS_LAT, PARIS_LON);
        // An ordinary account: nothing to see.
        for (int i = 0; i < 8; i++) {
            online("acct-quiet", T0.plusSeconds(7200L * i), "35.00");
        }
        // Malformed records between the good ones.
        raw("acct-bad-1", "not json at all");
        raw("acct-bad-2", "{\"transactionId\":\"t-x\",\"accountId\":\"acct-bad-2\"}");
        raw(
                "acct-bad-3",
                "{\"transactionId\":\"t-y\",\"accountId\":\"acct-bad-3\",\"timestamp\":"
                        + "\"2026-11-26T09:00:00Z\",\"amount\":-5,\"currency\":\"EUR\"}");
        KAFKA.produce(input);

        FraudJobConfig config =
                KafkaJobs.config(
                        KAFKA.bootstrapServers(),
                        transactionsTopic,
                        alertsTopic,
                        deadLettersTopic,
                        Map.of("kafka.bounded", "true"));
        StreamExecutionEnvironment env = KafkaJobs.job(config);
        env.execute("fraud-job-itcase");

        List<Alert> alerts =
                KAFKA.readAll(alertsTopic, true).stream()
                        .map(r -> AlertCodec.INSTANCE.decode(r.value()))
                        .toList();
        assertThat(alerts)
                .extracting(
                        Alert::accountId,
                        Alert::transactionId,
                        a -> a.reasons().stream().map(Alert.Reason::detector).toList(),
                        Alert::action)
                .containsExactlyInAnyOrder(
                        tuple("acct-velocity", velocity, List.of("velocity"), Alert.Action.FLAG),
                        tuple("acct-spend", spend, List.of("spend-burst"), Alert.Action.FLAG),
                        tuple("acct-amount", amount, List.of("amount-anomaly"), Alert.Action.FLAG),
                        tuple("acct-testing", testing, List.of("card-testing"), Alert.Action.BLOCK),
                        tuple(
                                "acct-travel",
                                travel,
                                List.of("impossible-travel"),
                                Alert.Action.BLOCK));
        assertThat(alerts).allSatisfy(a -> assertThat(a.late()).isFalse());

        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readAll(deadLettersTopic, true);
        assertThat(dead).hasSize(3);
        Map<String, DeadLetter> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            byKey.put(
                    new String(record.key(), StandardCharsets.UTF_8),
                    DeadLetterCodec.INSTANCE.decode(record.value()));
        }
        assertThat(byKey.get("acct-bad-1").reason()).startsWith("payload: malformed JSON");
        assertThat(new String(byKey.get("acct-bad-1").payload(), StandardCharsets.UTF_8))
                .isEqualTo("not json at all");
        assertThat(byKey.get("acct-bad-2").reason()).isEqualTo("timestamp: required");
        assertThat(byKey.get("acct-bad-3").reason()).isEqualTo("amount: must be >= 0, was -5");
        assertThat(byKey.get("acct-bad-3").field()).isEqualTo("amount");
        assertThat(byKey.values())
                .allSatisfy(
                        letter -> assertThat(letter.sourceTopic()).isEqualTo(transactionsTopic));
    }

    private String online(String account, Instant time, String amount) {
        return add(
                new Transaction(
                        "tx-" + (++sequence),
                        account,
                        time,
                        new BigDecimal(amount),
                        "EUR",
                        "m-1",
                        null,
                        "5411",
                        "DE",
                        null,
                        null,
                        Transaction.Channel.ECOM));
    }

    private String present(String account, Instant time, double lat, double lon) {
        return add(
                new Transaction(
                        "tx-" + (++sequence),
                        account,
                        time,
                        new BigDecimal("30.00"),
                        "EUR",
                        "m-2",
                        "term-" + sequence,
                        "5411",
                        lat > 50 ? "DE" : "FR",
                        lat,
                        lon,
                        Transaction.Channel.POS));
    }

    private String add(Transaction tx) {
        input.add(
                new ProducerRecord<>(
                        transactionsTopic,
                        tx.accountId().getBytes(StandardCharsets.UTF_8),
                        TransactionCodec.INSTANCE.encode(tx)));
        return tx.transactionId();
    }

    private void raw(String key, String value) {
        input.add(
                new ProducerRecord<>(
                        transactionsTopic,
                        key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
    }
}
