package io.fraudstream.stack;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Topic;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraudstream demo}: the whole product on the local stack. Brings the stack up, submits the
 * fraud job, starts the alert-sink (store, notifications, dashboard), runs the generator with fraud
 * scenarios at a modest rate, and prints every alert as it arrives until Ctrl-C, which stops what
 * the demo started.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run fraudstream on the local stack: Kafka and Flink, the fraud job, the alert-sink"
                    + " with its dashboard, and the generator with fraud scenarios; alerts are"
                    + " printed as they arrive.",
            "The dashboard's API token is FRAUDSTREAM_API_TOKEN when set, else a new one.",
            "Ctrl-C stops what the demo started (the stack only if the demo brought it up)."
        })
final class DemoCommand implements Runnable {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Mixin StackOptions stack;

    @Option(
            names = "--rate",
            defaultValue = "50",
            description = "Transactions per second from the generator (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--accounts",
            defaultValue = "500",
            description = "Cards the generator simulates (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(
            names = "--dashboard-port",
            defaultValue = "8080",
            description =
                    "Port of the alert-sink's API and dashboard on 127.0.0.1"
                            + " (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(
            names = "--fraud-rate",
            defaultValue = "0.03",
            description = "Share of fraudulent transactions (default: ${DEFAULT-VALUE}).")
    double fraudRate;

    /** How long the generator runs; the demo is usually stopped long before. */
    private static final Duration GENERATOR_RUN = Duration.ofHours(24);

    /** Genuine transactions per card and simulated day, the generator's default pace. */
    private static final int TX_PER_DAY = 4;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void run() {
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        PrintStream out = System.out;
        boolean stackWasUp = local.healthy();
        List<Runnable> cleanups = new ArrayList<>();
        if (!stackWasUp) {
            cleanups.add(0, local::down);
        }
        Thread hook =
                new Thread(
                        () -> {
                            stopping.set(true);
                            awaitQuietly();
                            out.println();
                            out.println("demo: stopping what it started");
                            cleanups.forEach(DemoCommand::quietly);
                        },
                        "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            local.up(Duration.ofSeconds(180));
            FlinkJobs jobs = new FlinkJobs(layout, local.flink());
            String jobId =
                    SubmitCommand.submit(
                            local,
                            List.of(
                                    "--kafka.starting-offsets",
                                    "latest",
                                    "--kafka.group-id",
                                    "fraudstream-demo-" + Instant.now().toEpochMilli(),
                                    "--job.name",
                                    "fraudstream-demo",
                                    "--event-time.max-ahead",
                                    simulatedLead()));
            cleanups.add(0, () -> jobs.cancel(jobId));
            jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
            out.println(
                    "fraud job running: "
                            + local.ports().flinkRestUrl()
                            + "/#/job/running/"
                            + jobId
                            + "/overview");

            String token = apiToken();
            CustomerMessageReceiver messages = new CustomerMessageReceiver(out);
            cleanups.add(0, messages::close);
            Process sink = startAlertSink(layout, local.ports(), token, messages.url());
            cleanups.add(0, () -> stopProcess(sink, "alert-sink"));
            awaitHealthy(sink, layout);
            String dashboard = "http://127.0.0.1:" + dashboardPort + "/";
            out.println(
                    "alert-sink: dashboard "
                            + dashboard
                            + "#token="
                            + token
                            + "  (API token "
                            + token
                            + "; log: "
                            + layout.show(layout.log("demo-alert-sink.log"))
                            + ")");
            out.println(
                    "cardholder messages (BLOCK, and FLAG at HIGH and above) go to a local receiver"
                            + " that prints them below with their answer link: open one and answer"
                            + " \"this was not me\" to escalate the case and send the job a"
                            + " verdict");

            Process generator = startGenerator(layout, local.ports());
            cleanups.add(0, generator::destroy);
            out.printf(
                    Locale.ROOT,
                    "generator: %d tx/s over %d cards, %.1f%% fraud, simulated time from now (log: %s)%n",
                    rate,
                    accounts,
                    fraudRate * 100,
                    layout.show(layout.log("demo-txgen.log")));
            out.println(
                    "alerts from "
                            + Topic.FRAUD_ALERTS.defaultName()
                            + " as they arrive: event time, account, action, risk score, reasons"
                            + " (Ctrl-C to stop):");
            printAlerts(local.ports(), layout, generator, sink, out);
        } finally {
            stopped.countDown();
        }
    }

    private Process startGenerator(StackLayout layout, StackPorts ports) {
        return ModuleJvm.TXGEN
                .withJvmOptions("-Xmx512m")
                .start(
                        layout,
                        "demo",
                        List.of(
                                "generate",
                                "--bootstrap-servers",
                                ports.bootstrapServers(),
                                "--topic",
                                Topic.TRANSACTIONS.defaultName(),
                                // Simulated clock from now: each card keeps a realistic pace (a few
                                // transactions a day) however fast the demo runs, so velocity and
                                // spend alerts come from the fraud scenarios, not from compressed
                                // time.
                                "--clock",
                                "simulated",
                                "--start",
                                "now",
                                "--rate",
                                Integer.toString(rate),
                                "--duration",
                                GENERATOR_RUN.toHours() + "h",
                                "--tx-per-day",
                                Integer.toString(TX_PER_DAY),
                                "--accounts",
                                Integer.toString(accounts),
                                "--fraud-rate",
                                Double.toString(fraudRate),
                                // Every fraud comes back as a chargeback a simulated day later: the
                                // job learns the compromised terminals and merchants from them.
                                "--verdicts-delay",
                                "1d",
                                "--verdicts-topic",
                                Topic.FRAUD_VERDICTS.defaultName(),
                                "--progress",
                                "lines"),
                        "demo-txgen.log",
                        Map.of());
    }

    /**
     * How far the generator's simulated clock gets ahead of the wall clock over its run: it starts
     * now and keeps each card at {@value #TX_PER_DAY} transactions a simulated day, so at {@code
     * rate} transactions a second it runs {@code rate × 86400 / (accounts × 4)} times real time.
     * The job must accept event times that far ahead (its default allows 5 minutes, for live
     * traffic), or the demo's transactions would be dead letters after a few seconds.
     */
    private String simulatedLead() {
        double speed = rate * 86_400.0 / (accounts * TX_PER_DAY);
        long days = (long) Math.ceil(GENERATOR_RUN.toSeconds() * speed / 86_400.0) + 1;
        return Math.min(days, 36_525) + " d";
    }

    /** The token the analyst signs in with: the environment's, or a fresh random one. */
    private static String apiToken() {
        String configured = System.getenv("FRAUDSTREAM_API_TOKEN");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return randomHex();
    }

    /** 24 random bytes in hex: a token or secret for this demo run. */
    private static String randomHex() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private Process startAlertSink(
            StackLayout layout, StackPorts ports, String token, String messages) {
        return ModuleJvm.ALERT_SINK
                .withJvmOptions("-Xmx512m", "-XX:+UseSerialGC")
                .start(
                        layout,
                        "demo",
                        List.of(
                                "--port",
                                Integer.toString(dashboardPort),
                                "--bootstrap-servers",
                                ports.bootstrapServers(),
                                "--db",
                                "jdbc:sqlite:" + layout.var().resolve("alerts.db"),
                                "--customer-gateway-url",
                                messages),
                        "demo-alert-sink.log",
                        Map.of(
                                "FRAUDSTREAM_API_TOKEN",
                                token,
                                "FRAUDSTREAM_CUSTOMER_SECRET",
                                randomHex(),
                                "FRAUDSTREAM_RESPONSE_TOKEN_SECRET",
                                randomHex()));
    }

    /** Waits for the alert-sink's {@code GET /health} to answer 200 (database and ingest up). */
    private void awaitHealthy(Process sink, StackLayout layout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboardPort + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String log = layout.show(layout.log("demo-alert-sink.log"));
        while (System.nanoTime() < deadline && !stopping.get()) {
            if (!sink.isAlive()) {
                throw new StackException(
                        "demo",
                        "the alert-sink exited with "
                                + sink.exitValue()
                                + " (port "
                                + dashboardPort
                                + " taken? --dashboard-port picks another); read "
                                + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("demo", "interrupted while starting the alert-sink");
            }
            sink.onExit().completeOnTimeout(sink, 250, TimeUnit.MILLISECONDS).join();
        }
        throw new StackException(
                "demo", "the alert-sink did not become healthy within 60 s; read " + log);
    }

    /** SIGTERM (the service finishes in-flight writes and commits), then forcibly after 15 s. */
    private static void stopProcess(Process process, String name) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            System.out.println("  " + String.format(Locale.ROOT, "%-12s", name) + " stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printAlerts(
            StackPorts ports,
            StackLayout layout,
            Process generator,
            Process sink,
            PrintStream out) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                ports.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topic.FRAUD_ALERTS.defaultName()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (!stopping.get()) {
                if (!generator.isAlive()) {
                    throw new StackException(
                            "demo",
                            "the generator stopped; read "
                                    + layout.show(layout.log("demo-txgen.log")));
                }
                if (!sink.isAlive()) {
                    throw new StackException(
                            "demo",
                            "the alert-sink stopped; read "
                                    + layout.show(layout.log("demo-alert-sink.log")));
                }
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    out.println(line(record.value()));
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C while polling.
        }
    }

    private static final String CONTRIBUTION = Alert.Reason.CONTRIBUTION;

    /** One readable line per alert: time, account, action, score, reasons. */
    static String line(byte[] value) {
        try {
            Alert alert = AlertCodec.INSTANCE.decode(value);
            return String.format(
                    Locale.ROOT,
                    "%s  %-14s %-5s %.2f  %s",
                    CLOCK.format(alert.eventTime()),
                    alert.accountId(),
                    alert.action(),
                    alert.score(),
                    Stream.concat(
                                    alert.reasons().stream()
                                            .filter(r -> !r.detector().equals(CONTRIBUTION))
                                            .map(r -> r.detector() + ": " + r.message()),
                                    // the model's two largest contributions say why
                                    alert.reasons().stream()
                                            .filter(r -> r.detector().equals(CONTRIBUTION))
                                            .limit(2)
                                            .map(r -> "because " + r.message()))
                            .collect(Collectors.joining("; ")));
        } catch (InvalidEventException e) {
            return "(undecodable alert: " + e.getMessage() + ")";
        }
    }

    private void awaitQuietly() {
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            System.err.println("demo: " + e.getMessage());
        }
    }
}
