package io.fraudstream.stack;

import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bench's topics: their names, the preloaded transactions and chargebacks, the rule sets, and
 * what the preloaded topic holds.
 */
final class BenchTopics {

    static final String TX_TOPIC = "bench-transactions";
    static final String ALERT_TOPIC = "bench-alerts";
    static final String DLQ_TOPIC = "bench-dead-letters";
    static final String VERDICT_TOPIC = "bench-verdicts";
    static final String SCORE_TOPIC = "bench-scores";
    static final String RULES_TOPIC = "bench-rules";
    static final String RULES_STATUS_TOPIC = "bench-rules-status";
    static final String RULE_HITS_TOPIC = "bench-rule-hits";
    static final String LAT_TX_TOPIC = "bench-latency-transactions";
    static final String LAT_ALERT_TOPIC = "bench-latency-alerts";

    /** The seed of the preloaded stream: every bench run reads the same transactions. */
    static final long SEED = 20261126;

    private BenchTopics() {}

    /**
     * Fills the transactions and verdicts topics with {@code transactions} over {@code accounts}
     * cards, unless {@code reuse} and they already hold that many.
     */
    static void preload(
            StackLayout layout,
            Admin admin,
            String bootstrap,
            long transactions,
            int accounts,
            boolean reuse,
            PrintStream out) {
        if (reuse
                && KafkaTopics.endOffsets(admin, TX_TOPIC) == transactions
                && KafkaTopics.exists(admin, VERDICT_TOPIC)) {
            return;
        }
        KafkaTopics.recreate(admin, TX_TOPIC, 4, Map.of());
        KafkaTopics.recreate(admin, VERDICT_TOPIC, 2, Map.of());
        out.printf(
                Locale.ROOT,
                "preloading %,d transactions over %,d cards into %s ...%n",
                transactions,
                accounts,
                TX_TOPIC);
        long begin = System.nanoTime();
        Process process =
                startGenerator(
                        layout,
                        ModuleJvm.replayArgs(
                                bootstrap,
                                TX_TOPIC,
                                transactions,
                                accounts,
                                SEED,
                                VERDICT_TOPIC,
                                "lines"));
        try {
            if (process.waitFor() != 0) {
                throw new StackException(
                        "bench",
                        "txgen failed; read " + layout.show(layout.log("bench-txgen.log")));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new StackException("bench", "interrupted");
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        out.printf(
                Locale.ROOT,
                "preloaded in %.1f s (%,.0f tx/s, one producer thread, including JVM start)%n",
                seconds,
                transactions / seconds);
    }

    /** txgen with the bench's JVM settings, its output in {@code var/log/bench-txgen.log}. */
    static Process startGenerator(StackLayout layout, List<String> args) {
        return ModuleJvm.TXGEN
                .withJvmOptions("-Xmx1g", "-XX:+UseParallelGC")
                .start(layout, "bench", args, "bench-txgen.log", Map.of());
    }

    /**
     * Empties the bench's rules topics and publishes {@code n} ACTIVE rules of mixed scopes (five
     * group keys, the six aggregates, windows from 10 min to 2 h), with thresholds that hit now and
     * then, as an analyst's would.
     */
    static void publishRules(Admin admin, String bootstrap, int n) {
        KafkaTopics.recreate(admin, RULES_TOPIC, 1, Map.of("cleanup.policy", "compact"));
        KafkaTopics.recreate(admin, RULES_STATUS_TOPIC, 1, Map.of("cleanup.policy", "compact"));
        KafkaTopics.recreate(admin, RULE_HITS_TOPIC, 1, Map.of());
        if (n == 0) {
            return;
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(p)) {
            for (int i = 0; i < n; i++) {
                String id = "bench-rule-" + i;
                producer.send(new ProducerRecord<>(RULES_TOPIC, id, benchRule(id, i)));
            }
            producer.flush();
        }
    }

    /** The {@code i}-th bench rule: scopes, aggregates and windows rotate. */
    static String benchRule(String id, int i) {
        String[] groups = {
            "[\"terminalId\"]",
            "[\"merchantId\"]",
            "[\"accountId\"]",
            "[\"country\", \"mcc\"]",
            "[\"channel\", \"country\"]"
        };
        String[] aggregates = {
            "{\"function\": \"COUNT\"}",
            "{\"function\": \"SUM\", \"field\": \"amount\"}",
            "{\"function\": \"AVG\", \"field\": \"amount\"}",
            "{\"function\": \"MAX\", \"field\": \"amount\"}",
            "{\"function\": \"MIN\", \"field\": \"amount\"}",
            "{\"function\": \"DISTINCT_COUNT\", \"field\": \"accountId\"}"
        };
        double[] thresholds = {20, 5000, 900, 1500, 0.5, 30};
        String[] windows = {"10 min", "30 min", "1 h", "2 h"};
        int a = i % aggregates.length;
        String filter =
                i % 3 == 0
                        ? ", \"filter\": {\"field\": \"amount\", \"op\": \">=\", \"value\": "
                                + (10 * (i % 7))
                                + "}"
                        : "";
        return "{\"id\": \""
                + id
                + "\", \"version\": 1, \"groupBy\": "
                + groups[i % groups.length]
                + filter
                + ", \"aggregate\": "
                + aggregates[a]
                + ", \"window\": \""
                + windows[i % windows.length]
                + "\", \"condition\": {\"op\": \""
                + (a == 4 ? "<" : ">")
                + "\", \"threshold\": "
                + thresholds[a]
                + "}, \"score\": 0.5, \"cooldown\": \"1 h\"}";
    }

    /** Distinct accounts (record keys) and distinct terminals and merchants of a topic. */
    record Distinct(long accounts, long entities) {}

    static Distinct distinct(String bootstrap, String topic) {
        Set<String> keys = new HashSet<>();
        Set<String> entities = new HashSet<>();
        KafkaTopics.readAll(
                bootstrap,
                topic,
                record -> {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                    try {
                        Transaction tx = TransactionCodec.INSTANCE.decode(record.value());
                        if (tx.terminalId() != null) {
                            entities.add("T:" + tx.terminalId());
                        }
                        if (tx.merchantId() != null) {
                            entities.add("M:" + tx.merchantId());
                        }
                    } catch (InvalidEventException e) {
                        // a malformed record has no entities; the job dead-letters it
                    }
                });
        return new Distinct(keys.size(), entities.size());
    }
}
