package io.fraudstream.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.testing.KafkaClusterExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench's Flink SQL peer on a MiniCluster against a real broker, bounded so each statement
 * finishes: the peer emits exactly the transactions whose 10-minute count is above 5 or whose
 * 1-hour sum is above 2,000, and the SQL pass-through writes every transaction back unchanged.
 */
class SqlPeerJobITCase {

    @RegisterExtension
    @Order(1)
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(freeRestPort())
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Transaction> input = new ArrayList<>();

    @Test
    void peerEmitsTheRowsAboveEitherWindowsThresholdAndPassThroughCopiesEveryRow()
            throws Exception {
        // Seven purchases in 7 minutes: the 6th and 7th have more than 5 in 10 minutes.
        for (int i = 0; i < 7; i++) {
            add("acct-count", T0.plusSeconds(60L * i), "10.00");
        }
        // Three of 800 in 50 minutes: the third takes the hour's sum to 2,400.
        for (int i = 0; i < 3; i++) {
            add("acct-sum", T0.plusSeconds(1500L * i), "800.00");
        }
        // Six purchases, but 11 minutes apart, and 2,000 exactly in one hour: neither fires.
        for (int i = 0; i < 6; i++) {
            add("acct-quiet", T0.plusSeconds(660L * i), i < 5 ? "400.00" : "0.00");
        }
        String transactions = KAFKA.createTopic("sql-transactions", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Transaction tx : input) {
            records.add(
                    new ProducerRecord<>(
                            transactions,
                            tx.accountId().getBytes(StandardCharsets.UTF_8),
                            TransactionCodec.INSTANCE.encode(tx)));
        }
        KAFKA.produce(records);

        String peerOut = KAFKA.createTopic("sql-peer-out", 2);
        run(transactions, peerOut, false);
        Map<String, JsonNode> rows = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(peerOut, false)) {
            JsonNode row = JSON.readTree(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(row.path("accountId").asText());
            rows.put(row.path("transactionId").asText(), row);
        }
        assertThat(rows).containsOnlyKeys("tx-5", "tx-6", "tx-9");
        assertThat(rows.get("tx-5").path("count10m").asLong()).isEqualTo(6);
        assertThat(rows.get("tx-6").path("count10m").asLong()).isEqualTo(7);
        assertThat(rows.get("tx-9").path("count10m").asLong()).isEqualTo(1);
        assertThat(rows.get("tx-9").path("sum1h").decimalValue())
                .isEqualByComparingTo(new BigDecimal("2400"));

        String passOut = KAFKA.createTopic("sql-pass-out", 2);
        run(transactions, passOut, true);
        Map<String, Transaction> copied = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(passOut, false)) {
            Transaction tx = TransactionCodec.INSTANCE.decode(record.value());
            copied.put(tx.transactionId(), tx);
        }
        assertThat(copied).hasSize(input.size());
        for (Transaction tx : input) {
            Transaction copy = copied.get(tx.transactionId());
            assertThat(copy.accountId()).isEqualTo(tx.accountId());
            assertThat(copy.timestamp()).isEqualTo(tx.timestamp());
            assertThat(copy.amount()).isEqualByComparingTo(tx.amount());
            assertThat(copy.currency()).isEqualTo(tx.currency());
            assertThat(copy.channel()).isEqualTo(tx.channel());
            assertThat(copy.lat()).isEqualTo(tx.lat());
        }
    }

    private void add(String account, Instant at, String amount) {
        int n = input.size();
        input.add(
                new Transaction(
                        "tx-" + n,
                        account,
                        at,
                        new BigDecimal(amount),
                        "EUR",
                        "m-" + n,
                        "term-" + n,
                        "5411",
                        "DE",
                        n % 2 == 0 ? 52.52 : null,
                        n % 2 == 0 ? 13.405 : null,
                        Transaction.Channel.POS));
    }

    private static void run(String transactions, String output, boolean passThrough)
            throws Exception {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        options.put("kafka.bootstrap-servers", KAFKA.bootstrapServers());
        options.put("kafka.topics.transactions", transactions);
        options.put("kafka.topics.alerts", output);
        options.put("kafka.starting-offsets", "earliest");
        options.put("kafka.bounded", "true");
        options.put("kafka.group-id", "sql-" + output);
        options.put("job.parallelism", "2");
        FraudJobConfig config = FraudJobConfig.from(options);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        io.fraudstream.job.FraudDetectionJob.environment(config));
        SqlPeerJob.submit(env, config, passThrough).await();
    }

    private static Configuration freeRestPort() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        return conf;
    }
}
