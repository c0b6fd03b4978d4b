package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleHitCodec;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.testing.KafkaClusterExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules at runtime, on a MiniCluster (parallelism 2) against a real broker, in one running job: a
 * rule published to the rules topic changes alerts without a restart; its SHADOW copy hits but
 * never alerts; a rule with a bad window is rejected with the reason while the job runs on; a
 * deleted rule stops alerting and its windows are gone; and after a stop with savepoint the rules
 * run from restored state, the restored job reading an empty rules topic.
 */
class RulesITCase {

    @RegisterExtension
    @Order(1)
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    private static final String BURST =
            "{\"id\": \"terminal-burst\", \"version\": 1, \"mode\": \"ACTIVE\","
                    + " \"groupBy\": [\"terminalId\"],"
                    + " \"filter\": {\"all\": [{\"field\": \"amount\", \"op\": \">=\", \"value\":"
                    + " 100}, {\"field\": \"channel\", \"op\": \"in\", \"value\": [\"POS\","
                    + " \"ATM\"]}]},"
                    + " \"aggregate\": {\"function\": \"COUNT\"}, \"window\": \"10 min\","
                    + " \"condition\": {\"op\": \">\", \"threshold\": 3},"
                    + " \"score\": 0.7, \"action\": \"FLAG\", \"cooldown\": \"30 min\"}";

    private String transactions;
    private String alerts;
    private String scores;
    private String rules;
    private String statuses;
    private String hits;
    private int sequence;
    private int minute;

    @Test
    void rulesChangeTheJobWhileItRunsAndComeBackFromASavepoint(@TempDir Path savepoints)
            throws Exception {
        transactions = KAFKA.createTopic("transactions", 2);
        alerts = KAFKA.createTopic("alerts", 2);
        scores = KAFKA.createTopic("scores", 2);
        rules = "rules-" + System.nanoTime();
        KAFKA.createTopic(rules, 1, Map.of("cleanup.policy", "compact"));
        statuses = KAFKA.createTopic("rules-status", 1);
        hits = KAFKA.createTopic("rule-hits", 1);
        FraudJobConfig config =
                KafkaJobs.config(
                        KAFKA.bootstrapServers(),
                        transactions,
                        alerts,
                        KAFKA.createTopic("dead-letters", 1),
                        Map.of(
                                "rules.enabled", "true",
                                "scores.enabled", "true",
                                "kafka.topics.scores", scores,
                                "kafka.topics.rules", rules,
                                "kafka.topics.rules-status", statuses,
                                "kafka.topics.rule-hits", hits));
        JobClient job = KafkaJobs.job(config).executeAsync("rules-1");
        await().atMost(PATIENCE).until(() -> job.getJobStatus().get() == JobStatus.RUNNING);

        // No rules yet: a burst at one terminal is five unremarkable first purchases.
        List<String> before = burst("T-before", 5);

        rule("terminal-burst", BURST);
        rule(
                "burst-shadow",
                BURST.replace("terminal-burst", "burst-shadow").replace("ACTIVE", "SHADOW"));
        rule(
                "bad-window",
                BURST.replace("terminal-burst", "bad-window").replace("10 min", "banana"));
        Map<String, RuleStatus> status =
                awaitStatuses(s -> s.size() >= 3 && s.containsKey("bad-window"));
        assertThat(status.get("terminal-burst").status()).isEqualTo(RuleStatus.Status.ACCEPTED);
        assertThat(status.get("terminal-burst").version()).isEqualTo(1);
        assertThat(status.get("burst-shadow").status()).isEqualTo(RuleStatus.Status.ACCEPTED);
        assertThat(status.get("bad-window").status()).isEqualTo(RuleStatus.Status.REJECTED);
        assertThat(status.get("bad-window").reason())
                .isEqualTo("window: not a duration: \"banana\" (like 10 min, 2 h, 7 d)");

        // Now the fourth large purchase within ten minutes at a terminal is a hit; the fifth is
        // within the cooldown.
        List<String> live = burst("T-live", 5);
        Alert alert = awaitAlert(live.get(3));
        Alert.Reason reason =
                alert.reasons().stream()
                        .filter(r -> r.detector().equals("rule:terminal-burst"))
                        .findFirst()
                        .orElseThrow();
        assertThat(reason.message()).isEqualTo("COUNT 4 by terminalId within 10 min, > 3");
        assertThat(reason.value()).isEqualTo(4);
        assertThat(reason.threshold()).isEqualTo(3);
        assertThat(alert.ruleVersion()).isEqualTo("rules-v1+terminal-burst@1");
        assertThat(alert.action()).isEqualTo(Alert.Action.FLAG);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

        // Deleted: no more hits, and its windows are gone: re-applied, the rule counts afresh.
        List<String> stale = burst("T-stale", 3);
        KAFKA.produce(rules, "terminal-burst", null);
        awaitStatuses(s -> s.get("terminal-burst").status() == RuleStatus.Status.DELETED);
        List<String> deleted = burst("T-deleted", 5);
        rule("terminal-burst", BURST);
        awaitStatuses(s -> s.get("terminal-burst").status() == RuleStatus.Status.ACCEPTED);
        List<String> afresh = burst("T-stale", 2);

        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        Map<String, List<RuleHit>> hitsByTx = hitsByTransaction();
        assertThat(ruleAlerts("rule:terminal-burst"))
                .as("only the live burst's fourth purchase alerts")
                .containsExactly(live.get(3));
        assertThat(ruleAlerts("rule:burst-shadow")).as("shadow never alerts").isEmpty();
        assertThat(hitsByTx.get(live.get(3)))
                .extracting(RuleHit::ruleId, RuleHit::shadow)
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple("terminal-burst", false),
                        org.assertj.core.api.Assertions.tuple("burst-shadow", true));
        for (String tx : concat(before, deleted, afresh, List.of(live.get(4)))) {
            assertThat(hitsByTx.getOrDefault(tx, List.of()))
                    .as(tx)
                    .noneMatch(h -> h.ruleId().equals("terminal-burst"));
        }
        // The shadow copy was never deleted: at T-stale it counted the fourth purchase (its
        // windows kept the three before), where the re-applied rule counted only two.
        assertThat(stale).hasSize(3);
        assertThat(hitsByTx.get(afresh.get(0)))
                .extracting(RuleHit::ruleId)
                .containsExactly("burst-shadow");
        assertThat(counter(job, "activeHits", "terminal-burst")).isEqualTo(1);
        assertThat(counter(job, "shadowHits", "burst-shadow"))
                .as("live, T-deleted and T-stale bursts")
                .isEqualTo(3);
        assertThat(counter(job, "numRestarts", null)).isZero();

        // Restored from the savepoint on an empty rules topic: the rules come from state.
        String emptyRules = "rules-empty-" + System.nanoTime();
        KAFKA.createTopic(emptyRules, 1, Map.of("cleanup.policy", "compact"));
        FraudJobConfig restoredConfig =
                KafkaJobs.config(
                        KAFKA.bootstrapServers(),
                        transactions,
                        alerts,
                        config.kafka().deadLettersTopic(),
                        Map.of(
                                "rules.enabled", "true",
                                "scores.enabled", "true",
                                "kafka.topics.scores", scores,
                                "kafka.topics.rules", emptyRules,
                                "kafka.topics.rules-status", statuses,
                                "kafka.topics.rule-hits", hits));
        Configuration restore = FraudDetectionJob.environment(restoredConfig);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restore);
        FraudDetectionJob.build(
                env,
                restoredConfig,
                io.fraudstream.job.score.Models.scorer(restoredConfig),
                FraudDetectionJob.kafka(restoredConfig));
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("rules-2");
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        JobClient restored = env.executeAsync(graph);
        try {
            List<String> after = burst("T-after", 4);
            Alert again = awaitAlert(after.get(3));
            assertThat(again.reasons())
                    .extracting(Alert.Reason::detector)
                    .contains("rule:terminal-burst");
        } finally {
            restored.cancel().get();
        }
    }

    /** {@code n} purchases of 150 at the terminal from {@code n} new cards, a minute apart. */
    private List<String> burst(String terminal, int n) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transaction tx =
                    new Transaction(
                            "tx-" + (++sequence),
                            "acct-" + sequence,
                            T0.plus(Duration.ofMinutes(minute++)),
                            new BigDecimal("150.00"),
                            "EUR",
                            "m-1",
                            terminal,
                            "5411",
                            "DE",
                            null,
                            null,
                            Transaction.Channel.POS);
            ids.add(tx.transactionId());
            // One partition: the rule windows see the burst in its order, as with one terminal's
            // traffic from one source partition (docs/RULES.md on arrival order).
            records.add(
                    new ProducerRecord<>(
                            transactions,
                            0,
                            tx.accountId().getBytes(StandardCharsets.UTF_8),
                            TransactionCodec.INSTANCE.encode(tx)));
        }
        KAFKA.produce(records);
        Set<String> wanted = Set.copyOf(ids);
        KAFKA.consumeUntil(
                scores,
                read ->
                        read.stream()
                                        .map(r -> TransactionScoreCodec.INSTANCE.decode(r.value()))
                                        .map(TransactionScore::transactionId)
                                        .filter(wanted::contains)
                                        .distinct()
                                        .count()
                                == wanted.size(),
                PATIENCE);
        return ids;
    }

    private void rule(String id, String json) {
        KAFKA.produce(rules, id, json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, RuleStatus> awaitStatuses(Predicate<Map<String, RuleStatus>> done) {
        Map<String, RuleStatus> latest = new HashMap<>();
        KAFKA.consumeUntil(
                statuses,
                read -> {
                    latest.clear();
                    for (ConsumerRecord<byte[], byte[]> r : read) {
                        RuleStatus s = RuleStatusCodec.INSTANCE.decode(r.value());
                        latest.put(s.ruleId(), s);
                    }
                    return latest.containsKey("terminal-burst") && done.test(latest);
                },
                PATIENCE);
        return latest;
    }

    private Alert awaitAlert(String transactionId) {
        List<ConsumerRecord<byte[], byte[]>> read =
                KAFKA.consumeUntil(
                        alerts,
                        r ->
                                r.stream()
                                        .anyMatch(
                                                a ->
                                                        AlertCodec.INSTANCE
                                                                .decode(a.value())
                                                                .transactionId()
                                                                .equals(transactionId)),
                        PATIENCE);
        return read.stream()
                .map(r -> AlertCodec.INSTANCE.decode(r.value()))
                .filter(a -> a.transactionId().equals(transactionId))
                .findFirst()
                .orElseThrow();
    }

    private List<String> ruleAlerts(String detector) {
        return KAFKA.readAll(alerts, true).stream()
                .map(r -> AlertCodec.INSTANCE.decode(r.value()))
                .filter(a -> a.reasons().stream().anyMatch(r -> r.detector().equals(detector)))
                .map(Alert::transactionId)
                .distinct()
                .toList();
    }

    private Map<String, List<RuleHit>> hitsByTransaction() {
        Map<String, List<RuleHit>> byTx = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(hits, false)) {
            RuleHit hit = RuleHitCodec.INSTANCE.decode(r.value());
            byTx.computeIfAbsent(hit.transactionId(), k -> new ArrayList<>()).add(hit);
        }
        return byTx;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** A counter of the job summed over its subtasks, in the group {@code rule=<rule>} if given. */
    private static long counter(JobClient job, String name, String rule) {
        long sum = 0;
        String id = job.getJobID().toString();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                METRICS.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = group.getKey().getAllVariables();
            if (!id.equals(variables.get("<job_id>"))) {
                continue;
            }
            if (rule != null && !rule.equals(variables.get("<rule>"))) {
                continue;
            }
            Metric metric = group.getValue().get(name);
            if (metric instanceof Counter c) {
                sum += c.getCount();
            } else if (metric instanceof org.apache.flink.metrics.Gauge<?> g
                    && g.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }
}
