package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.events.HostileRecords;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.testing.HostileArbitraries;
import io.fraudstream.testing.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The adversarial input suite of the job: the real job on a MiniCluster against a real broker, fed
 * generated streams that mix valid transactions (extreme but legal values included) with hostile
 * records: oversized keys and values, invalid UTF-8, deep nesting, extreme numbers, implausible
 * event times, control and bidi characters, duplicate keys, trailing garbage. After every batch:
 * the job has never restarted, every hostile record is on the dead-letter topic with the right
 * reason, every valid one was evaluated, no account state expired and no transaction was late. One
 * job serves the whole class; each assertion is on what the batch added.
 */
class HostileInputITCase {

    private static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PARTITIONS = 4;
    private static final String IMPLAUSIBLE_TIME = "IMPLAUSIBLE_TIME";

    private static MiniCluster flink;
    private static JobClient job;
    private static String transactions;
    private static String deadLetters;
    private static KafkaProducer<byte[], byte[]> producer;
    private static KafkaConsumer<byte[], byte[]> deadLetterReader;

    /** Every dead letter read so far, by the source position it names. */
    private static final Map<String, DeadLetter> DEAD = new ConcurrentHashMap<>();

    private static long validSent;
    private static int sequence;

    @BeforeContainer
    static void startTheJob() throws Exception {
        KAFKA.start();
        transactions = KAFKA.createTopic("transactions", PARTITIONS);
        String alerts = KAFKA.createTopic("alerts", 2);
        deadLetters = KAFKA.createTopic("dead-letters", 1);

        flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build());
        flink.start();
        TestStreamEnvironment.setAsContext(flink, 2);

        // Partitions without records drop out of the watermark within a second, so a partition
        // that alone carries outliers would set the job's event time if they could move it.
        FraudJobConfig config =
                KafkaJobs.config(
                        KAFKA.bootstrapServers(),
                        transactions,
                        alerts,
                        deadLetters,
                        Map.of(
                                "watermarks.idleness", "1 s",
                                "feedback.enabled", "true",
                                "feedback.idleness", "1 s",
                                "kafka.topics.verdicts", KAFKA.createTopic("verdicts", 2),
                                "scores.enabled", "true",
                                "kafka.topics.scores", KAFKA.createTopic("scores", 2)));
        StreamExecutionEnvironment env = KafkaJobs.job(config);
        job = env.executeAsync("hostile-input");
        await().atMost(PATIENCE).until(() -> job.getJobStatus().get() == JobStatus.RUNNING);

        Properties p = KAFKA.producerProperties();
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);
        deadLetterReader = new KafkaConsumer<>(KAFKA.consumerProperties());
        TopicPartition dlq = new TopicPartition(deadLetters, 0);
        deadLetterReader.assign(List.of(dlq));
        deadLetterReader.seekToBeginning(List.of(dlq));
    }

    @AfterContainer
    static void stopTheJob() throws Exception {
        System.out.printf(
                "hostile input suite: %d valid transactions and %d hostile records sent%n",
                validSent, allHostile.size());
        try {
            assertThat(metric("numRestarts")).as("restarts over the whole suite").isZero();
        } finally {
            if (producer != null) {
                producer.close();
            }
            if (deadLetterReader != null) {
                deadLetterReader.close();
            }
            if (job != null) {
                job.cancel().get();
            }
            TestStreamEnvironment.unsetAsContext();
            if (flink != null) {
                flink.close();
            }
            KAFKA.stop();
        }
    }

    /** A record to send: a valid transaction (hostile == null) or a hostile record. */
    record Input(byte[] key, byte[] value, HostileRecords.Record hostile) {
        @Override
        public String toString() {
            return hostile == null ? "valid" : hostile.toString();
        }
    }

    @Property(tries = 30, seed = "8")
    void noMixOfHostileAndValidRecordsBlindsTheJob(@ForAll("streams") List<Input> stream)
            throws Exception {
        long expiredBefore = metric("accountsExpired");

        Map<String, HostileRecords.Record> hostile = send(stream);

        awaitProcessed(hostile.keySet());
        assertThat(metric("numRestarts")).as("job restarts").isZero();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        assertThat(metric("transactions")).as("valid transactions evaluated").isEqualTo(validSent);
        hostile.forEach(
                (position, record) -> {
                    DeadLetter letter = DEAD.get(position);
                    assertThat(letter.reason())
                            .as(record + " at " + position)
                            .contains(record.reason());
                    assertThat(letter.field()).as(record + " field").isEqualTo(record.field());
                });
        assertThat(DEAD).as("dead letters, all of them hostile").hasSameSizeAs(allHostile);
        assertThat(metric("accountsExpired")).as("accounts expired").isEqualTo(expiredBefore);
        assertThat(metric("lateTransactions")).as("late transactions").isZero();
    }

    /**
     * The finding: one record of a 520 kB random key and a 520 kB invalid value failed the
     * dead-letter writer, and with it the job, forever.
     */
    @Example
    void oneRecordWithAHugeKeyAndValueNoLongerStopsDetection() throws Exception {
        Random random = new Random(1);
        byte[] key = new byte[520_000];
        byte[] value = new byte[520_000];
        random.nextBytes(key);
        random.nextBytes(value);
        List<Input> stream = new ArrayList<>();
        stream.add(
                new Input(
                        key,
                        value,
                        new HostileRecords.Record(
                                HostileRecords.Kind.OVERSIZED.name(),
                                key,
                                value,
                                null,
                                "larger than 65536 bytes")));
        for (int i = 0; i < 5; i++) {
            stream.add(valid(new Random(i), Instant.now()));
        }

        Map<String, HostileRecords.Record> hostile = send(stream);

        awaitProcessed(hostile.keySet());
        DeadLetter letter = DEAD.get(hostile.keySet().iterator().next());
        assertThat(letter.reason()).contains("(key truncated from 520000 to 1024 bytes");
        assertThat(metric("numRestarts")).isZero();
        assertThat(metric("transactions")).isEqualTo(validSent);
    }

    /**
     * The finding: four valid transactions stamped 9999-12-31, one per partition, moved the
     * watermark to year 9999, expired every account and made every later transaction late.
     */
    @Example
    void farFutureTimesOnEveryPartitionLeaveStateAndLatenessAlone() throws Exception {
        List<Input> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(valid(new Random(100 + i), Instant.now()));
        }
        send(before);
        long expired = metric("accountsExpired");

        Map<String, HostileRecords.Record> hostile = new LinkedHashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String json =
                    transactionJson(
                            "t-future-" + partition,
                            "acct-victim-" + partition,
                            "9999-12-31T23:59:59Z");
            hostile.put(
                    send(partition, null, json.getBytes(StandardCharsets.UTF_8)),
                    new HostileRecords.Record(
                            IMPLAUSIBLE_TIME, null, null, "timestamp", "ahead of the wall clock"));
        }
        allHostile.putAll(hostile);
        List<Input> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add(valid(new Random(200 + i), Instant.now()));
        }
        send(after);

        awaitProcessed(hostile.keySet());
        assertThat(metric("accountsExpired")).isEqualTo(expired);
        assertThat(metric("lateTransactions")).isZero();
        assertThat(metric("implausibleEventTimes")).isGreaterThanOrEqualTo(PARTITIONS);
        hostile.keySet()
                .forEach(position -> assertThat(DEAD.get(position).field()).isEqualTo("timestamp"));
    }

    /**
     * Two plausible outliers most of a minute ahead are evaluated, yet event time follows the
     * stream: with the other partitions idle, the partition that carries them sets the job's
     * watermark, and it stays at the ordinary records' time.
     */
    @Example
    void twoOutliersWithinTheSkewDoNotMoveEventTime() throws Exception {
        Instant now = Instant.now();
        // Ahead of the rest by less than the visibility lag, so they are scored at once rather
        // than held until event time reaches them.
        Instant ahead = now.plus(Duration.ofSeconds(50));
        for (int i = 0; i < 2; i++) {
            send(
                    0,
                    null,
                    transactionJson("t-ahead-" + i, "acct-ahead", ahead.toString())
                            .getBytes(StandardCharsets.UTF_8));
            validSent++;
        }
        for (int i = 0; i < 10; i++) {
            send(
                    0,
                    null,
                    transactionJson("t-after-" + i, "acct-after", now.plusMillis(i).toString())
                            .getBytes(StandardCharsets.UTF_8));
            validSent++;
        }

        awaitProcessed(List.of());
        long followed = now.plusMillis(7).toEpochMilli() - 5000 - 1;
        await().atMost(PATIENCE).until(() -> detectorWatermark() >= followed);
        assertThat(detectorWatermark()).isLessThan(ahead.toEpochMilli() - 5000 - 1);
        assertThat(metric("lateTransactions")).isZero();
    }

    @Provide
    Arbitrary<List<Input>> streams() {
        HostileRecords codecHostile = new HostileRecords(example(), "accountId", "amount");
        Arbitrary<Input> hostile =
                Arbitraries.oneOf(HostileArbitraries.records(codecHostile), implausibleTimes())
                        .map(record -> new Input(record.key(), record.value(), record));
        Arbitrary<Input> valid = Arbitraries.longs().map(seed -> valid(new Random(seed), null));
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(1, hostile))
                .list()
                .ofMinSize(20)
                .ofMaxSize(100);
    }

    /** Valid JSON whose event time the job's policy must refuse. */
    private static Arbitrary<HostileRecords.Record> implausibleTimes() {
        return Arbitraries.of(
                        "9999-12-31T23:59:59Z",
                        "0000-01-01T00:00:00Z",
                        "1970-01-01T00:00:00Z",
                        "+1d",
                        "+6m",
                        "-21y")
                .map(
                        time -> {
                            Instant now = Instant.now();
                            String timestamp =
                                    switch (time) {
                                        case "+1d" -> now.plus(Duration.ofDays(1)).toString();
                                        case "+6m" -> now.plus(Duration.ofMinutes(6)).toString();
                                        case "-21y" ->
                                                now.minus(Duration.ofDays(21 * 366)).toString();
                                        default -> time;
                                    };
                            boolean future = timestamp.compareTo(now.toString()) > 0;
                            byte[] value =
                                    transactionJson(
                                                    "t-time-" + (++sequence),
                                                    "acct-time",
                                                    timestamp)
                                            .getBytes(StandardCharsets.UTF_8);
                            return new HostileRecords.Record(
                                    IMPLAUSIBLE_TIME,
                                    "acct-time".getBytes(StandardCharsets.UTF_8),
                                    value,
                                    "timestamp",
                                    future ? "ahead of the wall clock" : "before the wall clock");
                        });
    }

    /** A valid transaction with extreme but legal values, stamped a little before {@code at}. */
    private static Input valid(Random random, Instant at) {
        String account = "acct-" + random.nextInt(50);
        String[] amounts = {
            "0",
            "0.01",
            "12.50",
            "99999999999999999999.999999999999999999",
            "1E+3",
            "250.00",
            "1.99"
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                "transactionId",
                "\"tx-" + (++sequence) + "-" + "\u4e2d".repeat(random.nextInt(200)) + "\"");
        fields.put("accountId", "\"" + account + "\"");
        // Within the out-of-orderness of everything sent before: never late.
        Instant time = (at == null ? Instant.now() : at).minusMillis(random.nextInt(3000));
        fields.put("timestamp", "\"" + time + "\"");
        fields.put(
                "amount",
                random.nextBoolean()
                        ? "\"" + amounts[random.nextInt(amounts.length)] + "\""
                        : amounts[random.nextInt(amounts.length)]);
        fields.put("currency", "\"EUR\"");
        if (random.nextBoolean()) {
            fields.put("merchantId", "\"m-\ud83d\ude00-" + random.nextInt(10) + "\"");
            fields.put("terminalId", "\"t " + random.nextInt(10) + "\"");
            double[] lats = {-90, 90, 0, 52.52};
            double[] lons = {-180, 180, 0, 13.40};
            fields.put("lat", Double.toString(lats[random.nextInt(4)]));
            fields.put("lon", Double.toString(lons[random.nextInt(4)]));
            fields.put("channel", random.nextBoolean() ? "\"POS\"" : "\"ATM\"");
        }
        fields.put("x-unknown", "{\"nested\":[1,2,{\"a\":null}]}");
        return new Input(
                account.getBytes(StandardCharsets.UTF_8),
                HostileRecords.json(fields).getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static Map<String, String> example() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("transactionId", "\"t-1\"");
        fields.put("accountId", "\"acct-42\"");
        fields.put("timestamp", "\"" + Instant.now() + "\"");
        fields.put("amount", "\"125.40\"");
        fields.put("currency", "\"EUR\"");
        return fields;
    }

    private static String transactionJson(String id, String account, String timestamp) {
        return "{\"transactionId\":\""
                + id
                + "\",\"accountId\":\""
                + account
                + "\",\"timestamp\":\""
                + timestamp
                + "\",\"amount\":\"10.00\",\"currency\":\"EUR\"}";
    }

    /** Every hostile record sent so far, by source position. */
    private static final Map<String, HostileRecords.Record> allHostile = new LinkedHashMap<>();

    /** Sends the stream in order; returns its hostile records by source position. */
    private static Map<String, HostileRecords.Record> send(List<Input> stream) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Input input : stream) {
            sent.add(producer.send(new ProducerRecord<>(transactions, input.key(), input.value())));
        }
        producer.flush();
        Map<String, HostileRecords.Record> hostile = new LinkedHashMap<>();
        for (int i = 0; i < stream.size(); i++) {
            RecordMetadata metadata = sent.get(i).get();
            Input input = stream.get(i);
            if (input.hostile() == null) {
                validSent++;
            } else {
                hostile.put(metadata.partition() + "@" + metadata.offset(), input.hostile());
            }
        }
        allHostile.putAll(hostile);
        return hostile;
    }

    private static String send(int partition, byte[] key, byte[] value) throws Exception {
        RecordMetadata metadata =
                producer.send(new ProducerRecord<>(transactions, partition, key, value)).get();
        return metadata.partition() + "@" + metadata.offset();
    }

    /** Waits until the given dead letters arrived and every valid transaction was evaluated. */
    private static void awaitProcessed(Collection<String> positions) {
        await().atMost(PATIENCE)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            for (ConsumerRecord<byte[], byte[]> r :
                                    deadLetterReader.poll(Duration.ofMillis(50))) {
                                DeadLetter letter = DeadLetterCodec.INSTANCE.decode(r.value());
                                DEAD.put(
                                        letter.sourcePartition() + "@" + letter.sourceOffset(),
                                        letter);
                            }
                            return DEAD.keySet().containsAll(positions)
                                    && metric("transactions") >= validSent;
                        });
    }

    /** The event time the scorer runs at: the lowest input watermark of its subtasks. */
    private static long detectorWatermark() {
        long lowest = Long.MAX_VALUE;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : jobMetrics()) {
            Metric metric = group.getValue().get("currentInputWatermark");
            if (group.getKey().getMetricIdentifier("x").contains("score transactions")
                    && metric instanceof Gauge<?> gauge
                    && gauge.getValue() instanceof Number n) {
                lowest = Math.min(lowest, n.longValue());
            }
        }
        return lowest;
    }

    /** The sum of a job metric over all subtasks (counters and numeric gauges). */
    private static long metric(String name) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : jobMetrics()) {
            Metric metric = group.getValue().get(name);
            if (metric instanceof Counter counter) {
                sum += counter.getCount();
            } else if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    /** The metric groups of the job, with their metrics by name. */
    private static List<Map.Entry<MetricGroup, Map<String, Metric>>> jobMetrics() {
        String id = job.getJobID().toString();
        return METRICS.getMetricsByGroup().entrySet().stream()
                .filter(e -> id.equals(e.getKey().getAllVariables().get("<job_id>")))
                .toList();
    }
}
