package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraudstream bench}: throughput of the fraud job against a pass-through job on the local
 * cluster, state per account, and (with {@code --latency}) the time from a transaction's Kafka
 * append to its alert's arrival at a consumer. Method and numbers: docs/BENCHMARKS.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput (default): preload transactions and their chargebacks (1 d later) with"
                    + " txgen; run, each from the earliest offset at parallelism 2 until the topic"
                    + " is drained: the fraud job as configured by default (model, verdicts,"
                    + " entity risk, a score per transaction), the same job with the detectors"
                    + " alone (no model, no verdicts, no scores: the job before it learnt from"
                    + " verdicts), and a pass-through job (source, decode, encode, sink); report"
                    + " tx/s, alerts, the ratios, and state per account and per terminal or"
                    + " merchant.",
            "Latency (--latency): txgen at a fixed rate with fraud scenarios while the job runs;"
                    + " report Kafka append of each triggering transaction to the alert's arrival"
                    + " at a consumer, as percentiles."
        })
final class BenchCommand implements Runnable {

    static final String TX_TOPIC = "bench-transactions";
    static final String ALERT_TOPIC = "bench-alerts";
    static final String PASS_TOPIC = "bench-pass-through";
    static final String DLQ_TOPIC = "bench-dead-letters";
    static final String VERDICT_TOPIC = "bench-verdicts";
    static final String SCORE_TOPIC = "bench-scores";
    static final String RULES_TOPIC = "bench-rules";
    static final String RULES_STATUS_TOPIC = "bench-rules-status";
    static final String RULE_HITS_TOPIC = "bench-rule-hits";
    static final String LAT_TX_TOPIC = "bench-latency-transactions";
    static final String LAT_ALERT_TOPIC = "bench-latency-alerts";
    private static final String PASS_THROUGH = "io.fraudstream.job.bench.PassThroughJob";

    @Mixin StackOptions stack;

    @Option(names = "--latency", description = "Measure latency instead of throughput.")
    boolean latency;

    @Option(
            names = "--rules",
            split = ",",
            defaultValue = "10,50",
            description =
                    "Throughput: also run the default job with these numbers of active rules of"
                            + " mixed scopes (default: ${DEFAULT-VALUE}; 0 for none).")
    List<Integer> ruleCounts;

    @Option(
            names = "--transactions",
            defaultValue = "1000000",
            description = "Throughput: transactions to preload (default: ${DEFAULT-VALUE}).")
    long transactions;

    @Option(
            names = "--accounts",
            defaultValue = "100000",
            description =
                    "Cards in the generated population (default: ${DEFAULT-VALUE}; with as many"
                            + " terminals, 100,000 cards is about what the default job's heap"
                            + " state holds on the stack's 1.5 GiB TaskManager).")
    int accounts;

    @Option(
            names = "--reuse",
            description =
                    "Throughput: keep the preloaded topic if it holds --transactions records.")
    boolean reuse;

    @Option(
            names = "--rate",
            defaultValue = "10000",
            description = "Latency: generator rate in tx/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--duration",
            defaultValue = "60",
            description = "Latency: seconds of load (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description =
                    "Latency: seconds left out of the percentiles (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    private final PrintStream out = System.out;

    @Override
    public void run() {
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        local.up(Duration.ofSeconds(180));
        FlinkJobs jobs = new FlinkJobs(layout, local.flink());
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", local.ports().bootstrapServers()))) {
            if (latency) {
                latency(layout, local, jobs, admin);
            } else {
                throughput(layout, local, jobs, admin);
            }
        }
    }

    private void throughput(StackLayout layout, LocalStack local, FlinkJobs jobs, Admin admin) {
        String bootstrap = local.ports().bootstrapServers();
        if (!(reuse
                && KafkaTopics.endOffsets(admin, TX_TOPIC) == transactions
                && KafkaTopics.exists(admin, VERDICT_TOPIC))) {
            KafkaTopics.recreate(admin, TX_TOPIC, 4, Map.of());
            KafkaTopics.recreate(admin, VERDICT_TOPIC, 2, Map.of());
            out.printf(
                    Locale.ROOT,
                    "preloading %,d transactions over %,d cards into %s ...%n",
                    transactions,
                    accounts,
                    TX_TOPIC);
            long begin = System.nanoTime();
            runGenerator(
                    layout,
                    ModuleJvm.replayArgs(
                            bootstrap,
                            TX_TOPIC,
                            transactions,
                            accounts,
                            20261126,
                            VERDICT_TOPIC,
                            "lines"));
            double preload = (System.nanoTime() - begin) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "preloaded in %.1f s (%,.0f tx/s, one producer thread, including JVM start)%n",
                    preload,
                    transactions / preload);
        }
        Distinct distinct = distinct(bootstrap, TX_TOPIC);

        List<String> defaults =
                List.of(
                        "--kafka.topics.verdicts",
                        VERDICT_TOPIC,
                        "--kafka.topics.scores",
                        SCORE_TOPIC,
                        "--kafka.topics.rules",
                        RULES_TOPIC,
                        "--kafka.topics.rules-status",
                        RULES_STATUS_TOPIC,
                        "--kafka.topics.rule-hits",
                        RULE_HITS_TOPIC);
        publishRules(admin, bootstrap, 0);
        Measured full = fraudJob(layout, local, jobs, admin, "fraudstream-bench", defaults);
        Map<Integer, Measured> withRules = new java.util.TreeMap<>();
        for (int n : ruleCounts) {
            if (n > 0) {
                publishRules(admin, bootstrap, n);
                withRules.put(
                        n,
                        fraudJob(
                                layout,
                                local,
                                jobs,
                                admin,
                                "fraudstream-bench-rules-" + n,
                                defaults));
            }
        }
        Measured detectors =
                fraudJob(
                        layout,
                        local,
                        jobs,
                        admin,
                        "fraudstream-bench-detectors",
                        List.of(
                                "--model.path",
                                "none",
                                "--feedback.enabled",
                                "false",
                                "--scores.enabled",
                                "false"));

        KafkaTopics.recreate(admin, PASS_TOPIC, 4, Map.of());
        Run pass =
                measure(
                        layout,
                        jobs,
                        PASS_THROUGH,
                        jobArgs(bootstrap, PASS_TOPIC, "fraudstream-bench-pass-through"),
                        "transactions");
        jobs.cancel(pass.jobId);

        out.println();
        out.println("RESULT (parallelism 2, one TaskManager with 2 slots, this machine)");
        full.print(out, "fraud job (default)");
        withRules.forEach((n, m) -> m.print(out, "default + " + n + " rules"));
        detectors.print(out, "detectors alone");
        out.printf(
                Locale.ROOT,
                "  pass-through job       %,10.0f tx/s  (%,d tx in %.2f s)%n",
                pass.rate(),
                pass.records,
                pass.seconds());
        out.printf(
                Locale.ROOT,
                "  ratios                 default / detectors alone %.2f x, default /"
                        + " pass-through %.2f x, detectors alone / pass-through %.2f x%n",
                full.run.rate() / detectors.run.rate(),
                full.run.rate() / pass.rate(),
                detectors.run.rate() / pass.rate());
        withRules.forEach(
                (n, m) ->
                        out.printf(
                                Locale.ROOT,
                                "  %-22s %.2f x the default's throughput; %.3f µs per rule per"
                                        + " event (%.2f µs per event over the default)%n",
                                n + " rules",
                                m.run.rate() / full.run.rate(),
                                (1e6 / m.run.rate() - 1e6 / full.run.rate()) / n,
                                1e6 / m.run.rate() - 1e6 / full.run.rate()));
        out.printf(
                Locale.ROOT,
                "  state (default)        %s per account (%,d accounts), %s per terminal or"
                        + " merchant (%,d of them)%n",
                perKey(full.scorerState, distinct.accounts),
                distinct.accounts,
                perKey(full.entityState, distinct.entities),
                distinct.entities);
        out.printf(
                Locale.ROOT,
                "  state (detectors)      %s per account%n",
                perKey(detectors.scorerState, distinct.accounts));
    }

    /**
     * Empties the bench's rules topic and publishes {@code n} ACTIVE rules of mixed scopes (five
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
        p.put(
                "key.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put(
                "value.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            for (int i = 0; i < n; i++) {
                String id = "bench-rule-" + i;
                producer.send(
                        new org.apache.kafka.clients.producer.ProducerRecord<>(
                                RULES_TOPIC, id, benchRule(id, i)));
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

    /** One fraud-job configuration's drain: its rate, alerts and state. */
    private record Measured(
            Run run, long alerts, Optional<Long> scorerState, Optional<Long> entityState) {

        void print(PrintStream out, String name) {
            out.printf(
                    Locale.ROOT,
                    "  %-22s %,10.0f tx/s  (%,d tx in %.2f s; %,d alerts)%n",
                    name,
                    run.rate(),
                    run.records,
                    run.seconds(),
                    alerts);
        }
    }

    private Measured fraudJob(
            StackLayout layout,
            LocalStack local,
            FlinkJobs jobs,
            Admin admin,
            String name,
            List<String> options) {
        String bootstrap = local.ports().bootstrapServers();
        KafkaTopics.recreate(admin, ALERT_TOPIC, 4, Map.of());
        KafkaTopics.recreate(admin, DLQ_TOPIC, 1, Map.of());
        KafkaTopics.recreate(admin, SCORE_TOPIC, 4, Map.of());
        List<String> args = new ArrayList<>(jobArgs(bootstrap, ALERT_TOPIC, name));
        args.addAll(options);
        Run run = measure(layout, jobs, null, args, ScorerVertex.NAME);
        long alerts = KafkaTopics.endOffsets(admin, ALERT_TOPIC);
        Map<String, Long> state =
                stateSizes(local, jobs, run, List.of(ScorerVertex.NAME, ScorerVertex.ENTITIES));
        jobs.cancel(run.jobId);
        Measured measured =
                new Measured(
                        run,
                        alerts,
                        Optional.ofNullable(state.get(ScorerVertex.NAME)),
                        Optional.ofNullable(state.get(ScorerVertex.ENTITIES)));
        // each run as soon as it is measured, so a later run that fails loses nothing
        measured.print(out, name);
        return measured;
    }

    private static String perKey(Optional<Long> bytes, long keys) {
        return bytes.map(b -> String.format(Locale.ROOT, "%.0f B", b / (double) keys))
                .orElse("n/a (no checkpoint completed after the drain)");
    }

    private static List<String> jobArgs(String bootstrap, String outputTopic, String name) {
        return List.of(
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.topics.transactions",
                TX_TOPIC,
                "--kafka.topics.alerts",
                outputTopic,
                "--kafka.topics.dead-letters",
                DLQ_TOPIC,
                "--kafka.starting-offsets",
                "earliest",
                "--kafka.group-id",
                name + "-" + Instant.now().toEpochMilli(),
                "--job.parallelism",
                "2",
                "--job.name",
                name);
    }

    /** One job's drain of the preloaded topic, timed from its first to its last record. */
    private record Run(String jobId, long records, long firstNanos, long lastNanos) {
        double seconds() {
            return (lastNanos - firstNanos) / 1e9;
        }

        double rate() {
            return records / seconds();
        }
    }

    private Run measure(
            StackLayout layout,
            FlinkJobs jobs,
            String entryClass,
            List<String> args,
            String vertex) {
        String jobId = jobs.submit(entryClass, args).jobId();
        jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
        out.printf(
                Locale.ROOT,
                "job %s running (%s)%n",
                jobId,
                entryClass == null ? "fraud job" : "pass-through");
        long first = 0;
        long seen = 0;
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(15).toNanos();
        long lastReport = System.nanoTime();
        while (seen < transactions) {
            long now = System.nanoTime();
            seen = jobs.vertexMetric(jobId, vertex, metricFor(entryClass));
            if (first == 0 && seen > 0) {
                first = now;
            }
            if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
                out.printf(Locale.ROOT, "  %,d / %,d%n", seen, transactions);
                lastReport = now;
            }
            if (now > deadline) {
                throw new StackException(
                        "bench", "job " + jobId + " did not drain the topic within 15 min");
            }
            if (seen == 0 && now - started > Duration.ofMinutes(2).toNanos()) {
                jobs.cancel(jobId);
                throw new StackException(
                        "bench",
                        "job "
                                + jobId
                                + " read nothing in 2 min; read the TaskManager log "
                                + layout.show(layout.log("flink-taskmanager.log")));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return new Run(jobId, seen, first, System.nanoTime());
    }

    /**
     * The fraud job counts the transactions it scored (its scoring operator's records in include
     * verdicts and entity snapshots); the pass-through job, the records its source sent on.
     */
    private static String metricFor(String entryClass) {
        return entryClass == null ? "score_transactions.transactions" : "numRecordsOut";
    }

    /**
     * The state of each named vertex in the first checkpoint completed after the drain, in bytes;
     * vertices the job does not have are left out.
     */
    private Map<String, Long> stateSizes(
            LocalStack local, FlinkJobs jobs, Run run, List<String> vertexNames) {
        Map<String, String> ids = new HashMap<>();
        for (String name : vertexNames) {
            jobs.vertexId(run.jobId, name).ifPresent(id -> ids.put(name, id));
        }
        long drained = System.currentTimeMillis();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ids.isEmpty() && System.nanoTime() < deadline) {
            Optional<JsonNode> latest =
                    local.flink()
                            .get("/jobs/" + run.jobId + "/checkpoints")
                            .map(c -> c.path("latest").path("completed"));
            if (latest.isPresent()
                    && !latest.get().isMissingNode()
                    && !latest.get().isNull()
                    && latest.get().path("trigger_timestamp").asLong() > drained) {
                long id = latest.get().path("id").asLong();
                Optional<JsonNode> details =
                        local.flink().get("/jobs/" + run.jobId + "/checkpoints/details/" + id);
                Map<String, Long> sizes = new HashMap<>();
                details.ifPresent(
                        d ->
                                ids.forEach(
                                        (name, vertex) ->
                                                sizes.put(
                                                        name,
                                                        d.path("tasks")
                                                                .path(vertex)
                                                                .path("state_size")
                                                                .asLong())));
                return sizes;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return Map.of();
    }

    private void latency(StackLayout layout, LocalStack local, FlinkJobs jobs, Admin admin) {
        String bootstrap = local.ports().bootstrapServers();
        // The broker stamps each transaction when it appends it: the start of the measured path.
        KafkaTopics.recreate(
                admin, LAT_TX_TOPIC, 4, Map.of("message.timestamp.type", "LogAppendTime"));
        // ... and each alert: append to append is the job's own share, without the consumer's.
        KafkaTopics.recreate(
                admin, LAT_ALERT_TOPIC, 4, Map.of("message.timestamp.type", "LogAppendTime"));
        KafkaTopics.recreate(admin, DLQ_TOPIC, 1, Map.of());
        KafkaTopics.recreate(admin, SCORE_TOPIC, 4, Map.of());
        if (!KafkaTopics.exists(admin, VERDICT_TOPIC)) {
            KafkaTopics.recreate(admin, VERDICT_TOPIC, 2, Map.of());
        }
        String jobId =
                jobs.submit(
                                List.of(
                                        "--kafka.topics.transactions",
                                        LAT_TX_TOPIC,
                                        "--kafka.topics.alerts",
                                        LAT_ALERT_TOPIC,
                                        "--kafka.topics.dead-letters",
                                        DLQ_TOPIC,
                                        "--kafka.starting-offsets",
                                        "latest",
                                        "--kafka.group-id",
                                        "fraudstream-bench-latency-" + Instant.now().toEpochMilli(),
                                        "--job.parallelism",
                                        "2",
                                        "--job.name",
                                        "fraudstream-bench-latency",
                                        "--kafka.topics.verdicts",
                                        VERDICT_TOPIC,
                                        "--kafka.topics.scores",
                                        SCORE_TOPIC,
                                        "--kafka.bootstrap-servers",
                                        bootstrap))
                        .jobId();
        jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
        Map<String, Long> appended = new ConcurrentHashMap<>();
        Histogram all = new Histogram(60_000, 3);
        Histogram steady = new Histogram(60_000, 3);
        Histogram appendToAppend = new Histogram(60_000, 3);
        AtomicBoolean stop = new AtomicBoolean();
        Thread transactionsReader =
                new Thread(() -> readAppendTimes(bootstrap, appended, stop), "bench-tx-reader");
        transactionsReader.start();
        long loadStart = System.currentTimeMillis();
        Process generator =
                startGenerator(
                        layout,
                        List.of(
                                "generate",
                                "--bootstrap-servers",
                                bootstrap,
                                "--topic",
                                LAT_TX_TOPIC,
                                "--clock",
                                "live",
                                "--rate",
                                Integer.toString(rate),
                                "--duration",
                                seconds + "s",
                                "--accounts",
                                Integer.toString(accounts),
                                "--fraud-rate",
                                "0.01",
                                "--progress",
                                "lines"));
        out.printf(
                Locale.ROOT,
                "job %s running; generating %,d tx/s for %d s ...%n",
                jobId,
                rate,
                seconds);
        long alerts = 0;
        int unmatched;
        try (KafkaConsumer<byte[], byte[]> consumer = latestConsumer(bootstrap, LAT_ALERT_TOPIC)) {
            long drainUntil = Long.MAX_VALUE;
            Map<String, long[]> received = new HashMap<>();
            while (System.currentTimeMillis() < drainUntil) {
                if (!generator.isAlive() && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.currentTimeMillis() + 5000;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.currentTimeMillis();
                    try {
                        Alert alert = AlertCodec.INSTANCE.decode(record.value());
                        received.put(alert.transactionId(), new long[] {now, record.timestamp()});
                        alerts++;
                    } catch (InvalidEventException e) {
                        throw new StackException("bench", "undecodable alert: " + e.getMessage());
                    }
                }
                for (var it = received.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    Long append = appended.get(entry.getKey());
                    if (append != null) {
                        long latencyMs = Math.max(0, entry.getValue()[0] - append);
                        all.recordValue(Math.min(latencyMs, 60_000));
                        if (append - loadStart >= warmupSeconds * 1000L) {
                            steady.recordValue(Math.min(latencyMs, 60_000));
                            long jobMs = Math.max(0, entry.getValue()[1] - append);
                            appendToAppend.recordValue(Math.min(jobMs, 60_000));
                        }
                        it.remove();
                    }
                }
            }
            unmatched = received.size();
        } finally {
            stop.set(true);
            generator.destroy();
            jobs.cancel(jobId);
        }
        try {
            transactionsReader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "RESULT (%,d tx/s for %d s, at-least-once sink, parallelism 2)%n",
                rate,
                seconds);
        out.printf(Locale.ROOT, "  alerts received   %,d (unmatched: %d)%n", alerts, unmatched);
        print("after warm-up", steady);
        out.println(
                "  (transaction appended -> alert appended, after warm-up: the job and its sink"
                        + " without the consumer)");
        print("append-append", appendToAppend);
        print("all", all);
    }

    private void print(String label, Histogram h) {
        out.printf(
                Locale.ROOT,
                "  %-14s n=%,d  p50 %d ms  p99 %d ms  p99.9 %d ms  max %d ms%n",
                label,
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }

    private static void readAppendTimes(
            String bootstrap, Map<String, Long> appended, AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> consumer = latestConsumer(bootstrap, LAT_TX_TOPIC)) {
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    try {
                        appended.put(
                                TransactionCodec.INSTANCE.decode(record.value()).transactionId(),
                                record.timestamp());
                    } catch (InvalidEventException e) {
                        // Bad records raise no alerts; nothing to match.
                    }
                }
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> latestConsumer(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                                5),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private void runGenerator(StackLayout layout, List<String> args) {
        Process process = startGenerator(layout, args);
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
    }

    private Process startGenerator(StackLayout layout, List<String> args) {
        return ModuleJvm.TXGEN
                .withJvmOptions("-Xmx1g", "-XX:+UseParallelGC")
                .start(layout, "bench", args, "bench-txgen.log", Map.of());
    }

    /** Distinct accounts (record keys) and distinct terminals and merchants of a topic. */
    private record Distinct(long accounts, long entities) {}

    private static Distinct distinct(String bootstrap, String topic) {
        Set<String> keys = new HashSet<>();
        Set<String> entities = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                5000),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
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
                }
            }
        }
        return new Distinct(keys.size(), entities.size());
    }

    /** The job's vertices whose state the bench reports, by their names in the job graph. */
    private static final class ScorerVertex {
        static final String NAME = "score transactions";
        static final String ENTITIES = "track entity risk";
    }
}
