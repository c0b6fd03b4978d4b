package io.fraudstream.stack;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TransactionCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code bench --latency}: txgen at a fixed rate with fraud scenarios while the fraud job runs; for
 * every alert, the time from the broker's append of its triggering transaction to the broker's
 * append of the alert, split into where it went: Kafka's fetch and the job up to the decision (the
 * alert's {@code detectedAt}), the job's sink up to the hand-off to its producer (the alert's
 * hand-off header), the producer and broker up to the append; and, apart, the measuring consumer's
 * own delay. The job's own histogram of source receive to decision comes from its metrics.
 */
final class BenchLatency {

    /** The fraud job's AlertSerializer.HANDOFF_HEADER (the launcher has no Flink classes). */
    private static final String HANDOFF_HEADER = "fraudstream-handoff-ms";

    private static final long MAX_MS = 60_000;

    private final StackLayout layout;
    private final LocalStack local;
    private final FlinkJobs jobs;
    private final Admin admin;
    private final PrintStream out;

    BenchLatency(
            StackLayout layout, LocalStack local, FlinkJobs jobs, Admin admin, PrintStream out) {
        this.layout = layout;
        this.local = local;
        this.jobs = jobs;
        this.admin = admin;
        this.out = out;
    }

    /** The parts of one alert's path, in ms. */
    private record Path(long total, long decided, long sink, long produce, long consume) {}

    void run(
            int rate,
            int seconds,
            int warmupSeconds,
            int accounts,
            int parallelism,
            List<String> jobOptions) {
        String bootstrap = local.ports().bootstrapServers();
        // The broker stamps each transaction and each alert when it appends it.
        KafkaTopics.recreate(
                admin,
                BenchTopics.LAT_TX_TOPIC,
                4,
                Map.of("message.timestamp.type", "LogAppendTime"));
        KafkaTopics.recreate(
                admin,
                BenchTopics.LAT_ALERT_TOPIC,
                4,
                Map.of("message.timestamp.type", "LogAppendTime"));
        KafkaTopics.recreate(admin, BenchTopics.DLQ_TOPIC, 1, Map.of());
        KafkaTopics.recreate(admin, BenchTopics.SCORE_TOPIC, 4, Map.of());
        if (!KafkaTopics.exists(admin, BenchTopics.VERDICT_TOPIC)) {
            KafkaTopics.recreate(admin, BenchTopics.VERDICT_TOPIC, 2, Map.of());
        }
        BenchTopics.publishRules(admin, bootstrap, 0);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                bootstrap,
                                "--kafka.topics.transactions",
                                BenchTopics.LAT_TX_TOPIC,
                                "--kafka.topics.alerts",
                                BenchTopics.LAT_ALERT_TOPIC,
                                "--kafka.topics.dead-letters",
                                BenchTopics.DLQ_TOPIC,
                                "--kafka.starting-offsets",
                                "latest",
                                "--kafka.group-id",
                                "fraudstream-bench-latency-" + Instant.now().toEpochMilli(),
                                "--job.parallelism",
                                Integer.toString(parallelism),
                                "--job.name",
                                "fraudstream-bench-latency"));
        args.addAll(BenchPeer.fraudTopics());
        args.addAll(jobOptions);
        String jobId = jobs.submit(args).jobId();
        Map<String, Long> appended = new ConcurrentHashMap<>();
        Histogram fetch = new Histogram(MAX_MS, 3);
        AtomicBoolean stop = new AtomicBoolean();
        // transactions appended from then on count in the fetch histogram
        java.util.concurrent.atomic.AtomicLong measureFrom =
                new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        Thread transactionsReader =
                new Thread(
                        () -> readAppendTimes(bootstrap, appended, fetch, measureFrom, stop),
                        "bench-tx-reader");
        transactionsReader.setDaemon(true);
        Process generator = null;
        List<Path> steady = new ArrayList<>();
        long alerts = 0;
        int unmatched;
        String inJob;
        try {
            jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
            transactionsReader.start();
            long loadStart = System.currentTimeMillis();
            measureFrom.set(loadStart + warmupSeconds * 1000L);
            generator =
                    BenchTopics.startGenerator(
                            layout,
                            List.of(
                                    "generate",
                                    "--bootstrap-servers",
                                    bootstrap,
                                    "--topic",
                                    BenchTopics.LAT_TX_TOPIC,
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
            try (KafkaConsumer<byte[], byte[]> consumer =
                    latestConsumer(bootstrap, BenchTopics.LAT_ALERT_TOPIC)) {
                long drainUntil = Long.MAX_VALUE;
                // per alert's transaction: arrival at this consumer, alert append, decision,
                // hand-off
                Map<String, long[]> received = new HashMap<>();
                while (System.currentTimeMillis() < drainUntil) {
                    if (!generator.isAlive() && drainUntil == Long.MAX_VALUE) {
                        drainUntil = System.currentTimeMillis() + 5000;
                    }
                    for (ConsumerRecord<byte[], byte[]> record :
                            consumer.poll(Duration.ofMillis(5))) {
                        long now = System.currentTimeMillis();
                        try {
                            Alert alert = AlertCodec.INSTANCE.decode(record.value());
                            received.put(
                                    alert.transactionId(),
                                    new long[] {
                                        now,
                                        record.timestamp(),
                                        alert.detectedAt().toEpochMilli(),
                                        handoff(record)
                                    });
                            alerts++;
                        } catch (InvalidEventException e) {
                            throw new StackException(
                                    "bench", "undecodable alert: " + e.getMessage());
                        }
                    }
                    for (var it = received.entrySet().iterator(); it.hasNext(); ) {
                        var entry = it.next();
                        Long append = appended.get(entry.getKey());
                        if (append != null) {
                            long[] t = entry.getValue();
                            if (append - loadStart >= warmupSeconds * 1000L) {
                                long handoff = t[3] > 0 ? t[3] : t[2];
                                steady.add(
                                        new Path(
                                                t[1] - append,
                                                t[2] - append,
                                                handoff - t[2],
                                                t[1] - handoff,
                                                t[0] - t[1]));
                            }
                            it.remove();
                        }
                    }
                }
                unmatched = received.size();
                inJob = inJobPercentiles(jobId);
            }
        } finally {
            stop.set(true);
            if (generator != null) {
                generator.destroy();
            }
            jobs.cancel(jobId);
        }
        try {
            transactionsReader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report(rate, seconds, warmupSeconds, parallelism, alerts, unmatched, steady, inJob, fetch);
    }

    private void report(
            int rate,
            int seconds,
            int warmupSeconds,
            int parallelism,
            long alerts,
            int unmatched,
            List<Path> paths,
            String inJob,
            Histogram fetch) {
        out.println();
        out.printf(
                Locale.ROOT,
                "RESULT (%,d tx/s for %d s, at-least-once sink, parallelism %d; the first %d s"
                        + " left out)%n",
                rate,
                seconds,
                parallelism,
                warmupSeconds);
        out.printf(
                Locale.ROOT,
                "  alerts received %,d (unmatched: %d), measured after warm-up %,d%n",
                alerts,
                unmatched,
                paths.size());
        print("transaction appended -> alert appended", paths, Path::total);
        print("  appended -> decided (fetch + job)", paths, Path::decided);
        print("  decided -> handed to producer", paths, Path::sink);
        print("  handed off -> alert appended", paths, Path::produce);
        print("alert appended -> bench consumer", paths, Path::consume);
        print("transaction appended -> bench consumer", fetch);
        out.println(
                "  (the bench's own fetch of every transaction after warm-up: what a consumer like"
                        + " the job's source waits for Kafka)");
        out.println("  job metric, source receive -> decided (last 10,000 alerts per subtask)");
        out.println("    " + inJob);
        // Where the tail's milliseconds go: the mean of each part over the slowest 1 %.
        Histogram total = histogram(paths, Path::total);
        long p99 = total.getValueAtPercentile(99);
        List<Path> tail = paths.stream().filter(p -> p.total() >= p99).toList();
        if (!tail.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  slowest 1 %% (%,d alerts, >= %d ms): on average %.1f ms to the decision,"
                            + " %.1f ms in the sink, %.1f ms producer to append%n",
                    tail.size(),
                    p99,
                    tail.stream().mapToLong(Path::decided).average().orElse(0),
                    tail.stream().mapToLong(Path::sink).average().orElse(0),
                    tail.stream().mapToLong(Path::produce).average().orElse(0));
        }
    }

    private void print(String label, List<Path> paths, java.util.function.ToLongFunction<Path> f) {
        print(label, histogram(paths, f));
    }

    private void print(String label, Histogram h) {
        out.printf(
                Locale.ROOT,
                "  %-40s p50 %3d ms  p99 %4d ms  p99.9 %4d ms  max %4d ms%n",
                label,
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }

    private static Histogram histogram(
            List<Path> paths, java.util.function.ToLongFunction<Path> f) {
        Histogram h = new Histogram(MAX_MS, 3);
        for (Path p : paths) {
            h.recordValue(Math.min(Math.max(0, f.applyAsLong(p)), MAX_MS));
        }
        return h;
    }

    /** The scorer's receive-to-decision histogram, the worst subtask's percentiles. */
    private String inJobPercentiles(String jobId) {
        // The REST API answers 0 until its metric fetcher has this job's histogram: wait a little.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs.vertexMetric(
                                jobId,
                                BenchPeer.SCORER_VERTEX,
                                "score_transactions.receiveToAlertLatencyMs_max",
                                "max")
                        == 0
                && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        StringBuilder line = new StringBuilder();
        for (String p : List.of("median", "p99", "p999", "max")) {
            long ms =
                    jobs.vertexMetric(
                            jobId,
                            BenchPeer.SCORER_VERTEX,
                            "score_transactions.receiveToAlertLatencyMs_" + p,
                            "max");
            String name = p.equals("p999") ? "p99.9" : p.equals("median") ? "p50" : p;
            line.append(name).append(' ').append(ms).append(" ms  ");
        }
        return line.toString().trim() + " (each the larger of the subtasks')";
    }

    private static long handoff(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(HANDOFF_HEADER);
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void readAppendTimes(
            String bootstrap,
            Map<String, Long> appended,
            Histogram fetch,
            java.util.concurrent.atomic.AtomicLong measureFrom,
            AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                latestConsumer(bootstrap, BenchTopics.LAT_TX_TOPIC)) {
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    if (record.timestamp() >= measureFrom.get()) {
                        fetch.recordValue(Math.min(Math.max(0, now - record.timestamp()), MAX_MS));
                    }
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
}
