package io.fraudstream.sink.bench;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.sink.ConfigLoader;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.ingest.IngestLoop;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.notify.LogChannel;
import io.fraudstream.sink.notify.NotificationRouter;
import io.fraudstream.sink.notify.RateLimiter;
import io.fraudstream.sink.store.AlertQuery;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alert-sink bench}: the durable ingest rate with dedup. Preloads a fresh topic with
 * synthetic alerts plus re-sent duplicates, then runs the real ingest loop (decode, one transaction
 * per batch with dedup and outbox rows, offset commit) into a fresh database and reports records
 * per second until every offset is committed.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measure the durable ingest rate (alerts/s) from a preloaded topic into a fresh"
                        + " database.")
public final class BenchCommand implements Callable<Integer> {

    private static final List<String> DETECTORS =
            List.of("velocity", "amount-spike", "geo-jump", "mcc-risk", "night-owl");

    @Option(names = "--bootstrap-servers", description = "Kafka brokers (default 127.0.0.1:9092).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--alerts", description = "Distinct alerts to preload (default 100000).")
    int alerts = 100_000;

    @Option(
            names = "--duplicates",
            description = "Extra re-sent copies, as a fraction of --alerts (default 0.1).")
    double duplicates = 0.1;

    @Option(names = "--partitions", description = "Partitions of the bench topic (default 4).")
    int partitions = 4;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "Database (default: a fresh SQLite file in a temporary directory).")
    String db;

    @Option(names = "--max-poll-records", description = "Records per batch (default 1000).")
    int maxPollRecords = 1000;

    @Option(names = "--seed", description = "Seed of the synthetic alerts (default 42).")
    long seed = 42;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (alerts < 1 || duplicates < 0 || duplicates > 10 || partitions < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--alerts must be >= 1, --duplicates in [0, 10], --partitions >= 1");
        }
        String topic = "bench-alerts-" + UUID.randomUUID().toString().substring(0, 8);
        Path tempDir = null;
        String url = db;
        if (url == null) {
            tempDir = Files.createTempDirectory("alert-sink-bench");
            url = "jdbc:sqlite:" + tempDir.resolve("alerts.db");
        }
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try {
                long records = preload(topic, out);
                run(topic, url, records, out);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        } finally {
            if (tempDir != null) {
                deleteRecursively(tempDir);
            }
        }
        return 0;
    }

    private long preload(String topic, PrintWriter out) throws Exception {
        Random random = new Random(seed);
        int copies = (int) Math.round(alerts * duplicates);
        out.printf(
                "bench: preloading %d alerts + %d duplicates into %s (%d partitions)%n",
                alerts, copies, topic, partitions);
        out.flush();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Instant base = Instant.now().minus(Duration.ofHours(1));
        List<byte[]> sent = new ArrayList<>(alerts);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < alerts; i++) {
                Alert alert = syntheticAlert(i, random, base);
                byte[] value = AlertCodec.INSTANCE.encode(alert);
                sent.add(value);
                producer.send(new ProducerRecord<>(topic, key(alert), value));
            }
            for (int i = 0; i < copies; i++) {
                byte[] value = sent.get(random.nextInt(sent.size()));
                Alert alert = AlertCodec.INSTANCE.decode(value);
                producer.send(new ProducerRecord<>(topic, key(alert), value));
            }
            producer.flush();
        }
        return (long) alerts + copies;
    }

    private static byte[] key(Alert alert) {
        return alert.accountId().getBytes(StandardCharsets.UTF_8);
    }

    /** A plausible alert: 1 to 3 reasons, a few related transactions. */
    static Alert syntheticAlert(int i, Random random, Instant base) {
        String account = "acct-" + random.nextInt(10_000);
        int reasonCount = 1 + random.nextInt(3);
        List<Alert.Reason> reasons = new ArrayList<>();
        List<String> detectors = new ArrayList<>(DETECTORS);
        for (int r = 0; r < reasonCount; r++) {
            String detector = detectors.remove(random.nextInt(detectors.size()));
            double threshold = 1 + random.nextInt(10);
            reasons.add(
                    new Alert.Reason(
                            detector,
                            detector + " above threshold for " + account,
                            threshold + random.nextDouble() * 5,
                            threshold));
        }
        List<String> related = new ArrayList<>();
        for (int r = random.nextInt(5); r > 0; r--) {
            related.add("tx-" + random.nextInt(1_000_000));
        }
        Instant eventTime = base.plusMillis(i * 10L);
        double score = 0.5 + random.nextDouble() * 0.5;
        return new Alert(
                "bench-" + i,
                account,
                "tx-" + i,
                related,
                eventTime,
                eventTime.plusMillis(40),
                score,
                Alert.Severity.values()[random.nextInt(4)],
                random.nextInt(4) == 0 ? Alert.Action.BLOCK : Alert.Action.FLAG,
                reasons,
                "bench-rules-1",
                false);
    }

    private void run(String topic, String url, long records, PrintWriter out) throws Exception {
        // The built-in notification defaults; the bench serves no API, so any token will do.
        SinkConfig defaults = ConfigLoader.load(null, Map.of(), Map.of(), Path.of(""), true);
        Metrics metrics = new Metrics();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        try (Database database = Database.open(url, 4)) {
            AlertStore store = new AlertStore(database, Clock.systemUTC());
            NotificationRouter router =
                    new NotificationRouter(
                            defaults.notifications(),
                            Set.of(LogChannel.NAME),
                            new RateLimiter(
                                    defaults.notifications().rateLimit().perAccount(),
                                    defaults.notifications().rateLimit().window(),
                                    Clock.systemUTC()));
            AtomicLong consumed = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            IngestLoop loop =
                    new IngestLoop(
                            new KafkaConsumer<>(p),
                            topic,
                            store,
                            router,
                            stored -> {},
                            (batch, result) -> {
                                if (consumed.addAndGet(
                                                result.stored().size()
                                                        + result.duplicates()
                                                        + result.quarantined())
                                        >= records) {
                                    done.countDown();
                                }
                            },
                            metrics);
            out.printf("bench: ingesting into %s (batches of up to %d)%n", url, maxPollRecords);
            out.flush();
            long start = System.nanoTime();
            Thread thread = new Thread(loop, "bench-ingest");
            thread.start();
            while (!done.await(2, TimeUnit.SECONDS)) {
                out.printf("bench: %d / %d records stored%n", consumed.get(), records);
                out.flush();
                if (!loop.isRunning()) {
                    throw new IllegalStateException("ingest stopped: " + loop.failure());
                }
            }
            // The last batch's offsets are committed right after the hook; stop waits for that.
            loop.stop();
            loop.awaitStopped(Duration.ofSeconds(60));
            double seconds = (System.nanoTime() - start) / 1e9;
            long stored = store.find(AlertQuery.all(1)).total();
            out.printf(
                    "bench: %d records (%d distinct alerts, %d duplicates) durably stored and"
                            + " committed in %.2f s: %.0f records/s, %.0f distinct alerts/s%n",
                    records,
                    stored,
                    records - stored,
                    seconds,
                    records / seconds,
                    stored / seconds);
            if (stored != alerts) {
                out.printf(
                        "bench: ERROR: expected %d distinct alerts stored, found %d%n",
                        alerts, stored);
                out.flush();
                throw new IllegalStateException("dedup check failed");
            }
            out.flush();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
