package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Topic;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop in the product, end to end on the local stack: the job (default model, feedback on) on
 * the standalone cluster raises an alert at a terminal; the alert-sink stores it; an analyst marks
 * it FRAUD through the alert-sink's API (what the dashboard's Fraud button sends), which publishes
 * a verdict naming the alert's terminal and merchant; a later transaction at that terminal then
 * scores higher than one before the verdict, and says why. Beside it, the Grafana dashboard's
 * queries are checked against what the running JobManager, TaskManager and alert-sink expose.
 */
class FeedbackLoopITCase {

    private static final String TOKEN = "loop-itcase-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path var;

    private static StackCommand fraudstream;
    private static StackCommand.Ports ports;
    private static Process alertSink;
    private static int sinkPort;

    @BeforeAll
    static void stackJobAndAlertSink() throws Exception {
        fraudstream = new StackCommand(StackCommand.home(), var);
        ports = StackCommand.Ports.free();
        List<String> up = new ArrayList<>(List.of("stack", "up"));
        up.addAll(ports.options());
        StackCommand.Result result = fraudstream.run(up);
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();

        StackCommand.Result submit = fraudstream.run(List.of("submit"));
        assertThat(submit.exitCode()).as(submit.stdout() + submit.stderr()).isZero();
        Matcher id =
                Pattern.compile("submitted the fraud job: ([0-9a-f]{32})").matcher(submit.stdout());
        assertThat(id.find()).as(submit.stdout()).isTrue();
        awaitJobRunning(id.group(1));

        try (ServerSocket socket = new ServerSocket(0)) {
            sinkPort = socket.getLocalPort();
        }
        StackLayout layout = new StackLayout(StackCommand.home(), var);
        alertSink =
                ModuleJvm.ALERT_SINK
                        .withJvmOptions("-Xmx256m", "-XX:+UseSerialGC")
                        .start(
                                layout,
                                "alert-sink",
                                List.of(
                                        "--port",
                                        Integer.toString(sinkPort),
                                        "--bootstrap-servers",
                                        ports.bootstrapServers(),
                                        "--db",
                                        "jdbc:sqlite:" + var.resolve("loop-alerts.db")),
                                "loop-alert-sink.log",
                                Map.of("FRAUDSTREAM_API_TOKEN", TOKEN));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> status(get("/health")) == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alertSink != null) {
            alertSink.destroy();
            if (!alertSink.waitFor(15, TimeUnit.SECONDS)) {
                alertSink.destroyForcibly();
            }
        }
        fraudstream.run(List.of("stack", "down"));
        fraudstream.processes().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void anAnalystsFraudVerdictRaisesTheRiskOfTheAlertsTerminalForLaterTransactions()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String terminal = "term-loop-" + run;
        String merchant = "m-loop-" + run;
        String otherTerminal = "term-other-" + run;
        // Live traffic on every partition, as a real stream has: it keeps event time moving.
        AtomicReference<Instant> clockFloor = new AtomicReference<>(Instant.EPOCH);
        AtomicBoolean stop = new AtomicBoolean();
        Thread traffic = new Thread(() -> liveTraffic(run, clockFloor, stop), "live-traffic");
        traffic.start();
        try {
            loop(run, terminal, merchant, otherTerminal, clockFloor);
        } finally {
            stop.set(true);
            traffic.join();
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsScrapedFromTheRunningStackAndAlertSink()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = producer()) {
            // A velocity burst (an alert, so deliveries and a case) whose spend also crosses the
            // checkout's account-spend rule (a rule hit), and a record that is not JSON.
            for (int i = 0; i < 6; i++) {
                producer.send(
                        new ProducerRecord<>(
                                Topic.TRANSACTIONS.defaultName(),
                                "metrics-" + run,
                                json(
                                        "metrics-" + run + "-" + i,
                                        "metrics-" + run,
                                        now.plusSeconds(i),
                                        "term-metrics-" + run,
                                        "m-metrics-" + run,
                                        "900.00")));
            }
            producer.send(
                    new ProducerRecord<>(
                            Topic.TRANSACTIONS.defaultName(), "metrics-" + run, "{not json"));
            producer.flush();
        }
        awaitAlert("metrics-" + run);

        List<DashboardMetrics.Query> queries =
                DashboardMetrics.queries(
                        StackCommand.home().resolve("docs/grafana/fraudstream.json"));
        List<String> missing = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(
                        () -> {
                            Map<String, List<Map<String, String>>> exposed =
                                    DashboardMetrics.exposed(
                                            scrape(ports.prometheusUrl(0)),
                                            scrape(ports.prometheusUrl(1)),
                                            get("/metrics").body());
                            missing.clear();
                            missing.addAll(DashboardMetrics.missing(queries, exposed));
                            return missing.isEmpty();
                        });
        assertThat(missing).isEmpty();
    }

    private static String scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private void loop(
            String run,
            String terminal,
            String merchant,
            String otherTerminal,
            AtomicReference<Instant> clockFloor)
            throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = producer()) {
            // A card bursting at the terminal: the velocity alert the analyst will judge.
            for (int i = 0; i < 6; i++) {
                send(
                        producer,
                        "burst-" + run,
                        "burst-" + run + "-" + i,
                        now.plusSeconds(i),
                        terminal,
                        merchant);
            }
            // Another card's purchase there before any verdict: the terminal is not known risky.
            send(
                    producer,
                    "before-" + run,
                    "before-" + run,
                    now.plusSeconds(10),
                    terminal,
                    merchant);
            producer.flush();
        }

        JsonNode alert = awaitAlert("burst-" + run);
        assertThat(alert.path("terminalId").asText()).isEqualTo(terminal);
        assertThat(alert.path("merchantId").asText()).isEqualTo(merchant);
        HttpResponse<String> verdict =
                post(
                        "/api/alerts/" + alert.path("alertId").asText() + "/verdict",
                        "{\"analyst\":\"alice\",\"label\":\"FRAUD\",\"note\":\"skimmer found\"}");
        assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
        Instant decided = Instant.now();

        // After the verdict counts (decidedAt + the 1 min visibility lag): a purchase at the
        // terminal and, for comparison, one at a terminal nobody judged.
        Instant later = decided.plus(Duration.ofMinutes(2));
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, "after-" + run, "after-" + run, later, terminal, merchant);
            send(
                    producer,
                    "elsewhere-" + run,
                    "elsewhere-" + run,
                    later,
                    otherTerminal,
                    "m-other-" + run);
            producer.flush();
        }
        // The live traffic moves on past them (still within event-time.max-ahead of now).
        clockFloor.set(later.plusSeconds(30));

        Map<String, TransactionScore> scores =
                scores(List.of("before-" + run, "after-" + run, "elsewhere-" + run));
        TransactionScore before = scores.get("before-" + run);
        TransactionScore after = scores.get("after-" + run);
        TransactionScore elsewhere = scores.get("elsewhere-" + run);
        assertThat(after.score())
                .as("after the verdict vs before it, at the same terminal")
                .isGreaterThan(before.score());
        assertThat(after.score())
                .as("at the judged terminal vs at another one, at the same time")
                .isGreaterThan(elsewhere.score());
        // ... and says why: the judged terminal or its merchant is among the largest reasons
        assertThat(after.reasons())
                .as("after %s; before %s", after, before)
                .anySatisfy(r -> assertThat(r.message()).containsAnyOf(terminal, merchant));
        assertThat(before.reasons())
                .noneSatisfy(r -> assertThat(r.message()).containsAnyOf(terminal, merchant));
    }

    /**
     * Three transactions on every partition twice a second, stamped with the wall clock or, once
     * set, at least {@code floor}: what keeps a live stream's watermark moving.
     */
    private static void liveTraffic(
            String run, AtomicReference<Instant> floor, AtomicBoolean stop) {
        long n = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            while (!stop.get()) {
                Instant now = Instant.now();
                Instant at = now.isAfter(floor.get()) ? now : floor.get().plusMillis(n);
                for (int p = 0; p < Topic.TRANSACTIONS.defaultPartitions(); p++) {
                    for (int i = 0; i < 3; i++) {
                        String account = "live-" + run + "-" + p + "-" + i;
                        producer.send(
                                new ProducerRecord<>(
                                        Topic.TRANSACTIONS.defaultName(),
                                        p,
                                        account,
                                        json(account + "-" + n++, account, at, null, null)));
                    }
                }
                producer.flush();
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
    }

    private static void send(
            KafkaProducer<String, String> producer,
            String account,
            String transactionId,
            Instant at,
            String terminal,
            String merchant) {
        producer.send(
                new ProducerRecord<>(
                        Topic.TRANSACTIONS.defaultName(),
                        account,
                        json(transactionId, account, at, terminal, merchant)));
    }

    private static String json(
            String transactionId, String account, Instant at, String terminal, String merchant) {
        return json(transactionId, account, at, terminal, merchant, "24.90");
    }

    private static String json(
            String transactionId,
            String account,
            Instant at,
            String terminal,
            String merchant,
            String amount) {
        return "{\"transactionId\":\""
                + transactionId
                + "\",\"accountId\":\""
                + account
                + "\",\"timestamp\":\""
                + at
                + "\",\"amount\":\""
                + amount
                + "\",\"currency\":\"EUR\""
                + (terminal == null ? "" : ",\"terminalId\":\"" + terminal + "\"")
                + (merchant == null ? "" : ",\"merchantId\":\"" + merchant + "\"")
                + ",\"channel\":\"POS\"}";
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static JsonNode awaitAlert(String account) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            JsonNode list =
                                    JSON.readTree(get("/api/alerts?account=" + account).body());
                            JsonNode alerts = list.path("items");
                            if (alerts.isEmpty()) {
                                return false;
                            }
                            found[0] =
                                    JSON.readTree(
                                            get("/api/alerts/"
                                                            + alerts.get(0)
                                                                    .path("alertId")
                                                                    .asText())
                                                    .body());
                            return true;
                        });
        return found[0];
    }

    /** The scores of the given transactions from {@code transaction-scores}, within 90 s. */
    private static Map<String, TransactionScore> scores(List<String> transactionIds) {
        Map<String, TransactionScore> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                ports.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "loop-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.TRANSACTION_SCORES.defaultName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (found.size() < transactionIds.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    TransactionScore s = TransactionScoreCodec.INSTANCE.decode(record.value());
                    if (transactionIds.contains(s.transactionId())) {
                        found.put(s.transactionId(), s);
                    }
                }
            }
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(transactionIds);
        return found;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sinkPort + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static HttpResponse<String> post(String path, String body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sinkPort + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void awaitJobRunning(String jobId) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> r =
                                    http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    ports.restUrl()
                                                                            + "/jobs/"
                                                                            + jobId))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            return r.statusCode() == 200
                                    && JSON.readTree(r.body())
                                            .path("state")
                                            .asText()
                                            .equals("RUNNING")
                                    && JSON
                                            .readTree(r.body())
                                            .path("vertices")
                                            .findValues("status")
                                            .stream()
                                            .allMatch(
                                                    v ->
                                                            // the rule files' bounded source
                                                            // finishes once it has read them
                                                            v.asText().equals("RUNNING")
                                                                    || v.asText()
                                                                            .equals("FINISHED"));
                        });
    }
}
