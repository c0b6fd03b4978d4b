package io.fraudstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The alert-sink as the chaos suite runs it: its own JVM on a free port, consuming one scenario's
 * alert topic into its own SQLite store, every alert routed to the suite's webhook receiver (BLOCK
 * also to its customer gateway), no rate limit so every notification is expected. It can be killed
 * with SIGKILL and started again on the same store; the suite reads the store directly.
 */
final class ChaosAlertSink implements AutoCloseable {

    /** The store's content that the suite checks. */
    record Stored(
            List<String> alertIds,
            Set<String> sentinelAlertIds,
            Map<String, Map<String, Long>> notificationStates,
            int maxAttempts) {}

    private final StackLayout layout;
    private final Path dir;
    private final Path config;
    private final String logName;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    ChaosAlertSink(
            StackLayout layout,
            Path dir,
            String bootstrap,
            String alertTopic,
            String verdictTopic,
            ChaosReceiver receiver,
            int maxAttempts,
            Duration maxBackoff) {
        this.layout = layout;
        this.dir = dir;
        this.config = dir.resolve("alert-sink.yaml");
        this.logName = "chaos-" + dir.getFileName() + "-alert-sink.log";
        this.port = freePort();
        this.env =
                Map.of(
                        "FRAUDSTREAM_API_TOKEN", random(),
                        "FRAUDSTREAM_CUSTOMER_SECRET", random(),
                        "FRAUDSTREAM_RESPONSE_TOKEN_SECRET", random(),
                        "FRAUDSTREAM_WEBHOOK_SECRET", random());
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("alerts.db"));
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "# written by bin/fraudstream chaos for one scenario",
                            "http:",
                            "  port: " + port,
                            "kafka:",
                            "  bootstrap-servers: " + bootstrap,
                            "  alerts-topic: " + alertTopic,
                            "  verdicts-topic: " + verdictTopic,
                            "  group-id: " + dir.getFileName() + "-" + System.currentTimeMillis(),
                            "store:",
                            "  url: jdbc:sqlite:" + dir.resolve("alerts.db"),
                            "notifications:",
                            "  routes:",
                            "    - action: BLOCK",
                            "      channels: [webhook, customer]",
                            "    - action: FLAG",
                            "      channels: [webhook]",
                            "  rate-limit:",
                            "    per-account: 0",
                            "  retry:",
                            "    max-attempts: " + maxAttempts,
                            "    initial-backoff: 500 ms",
                            "    max-backoff: " + maxBackoff.toSeconds() + " s",
                            "  concurrency: 8",
                            "  poll-interval: 250 ms",
                            "  webhook:",
                            "    url: " + receiver.url(ChaosReceiver.WEBHOOK),
                            "    request-timeout: 2 s",
                            "  customer:",
                            "    url: " + receiver.url(ChaosReceiver.CUSTOMER),
                            "    request-timeout: 2 s",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        process =
                ModuleJvm.ALERT_SINK
                        .withJvmOptions("-Xmx384m", "-XX:+UseSerialGC")
                        .start(
                                layout,
                                "chaos",
                                List.of("--config", config.toString()),
                                logName,
                                env);
        awaitHealthy();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(
                        "chaos",
                        "the alert-sink exited with "
                                + process.exitValue()
                                + "; read "
                                + layout.show(layout.log(logName)));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("chaos", "interrupted");
            }
            process.onExit().completeOnTimeout(process, 250, TimeUnit.MILLISECONDS).join();
        }
        throw new StackException(
                "chaos",
                "the alert-sink did not become healthy within 90 s; read "
                        + layout.show(layout.log(logName)));
    }

    /** What the store holds now: every alert id, notifications by channel and state. */
    Stored read() {
        try (Connection db =
                        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alerts.db"));
                Statement st = db.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            List<String> ids = new java.util.ArrayList<>();
            Set<String> sentinels = new java.util.HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT alert_id, transaction_id FROM alerts")) {
                while (rs.next()) {
                    if (rs.getString(2).startsWith(ChaosTally.SENTINEL_PREFIX)) {
                        sentinels.add(rs.getString(1));
                    } else {
                        ids.add(rs.getString(1));
                    }
                }
            }
            Map<String, Map<String, Long>> states = new java.util.TreeMap<>();
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT channel, state, COUNT(*) FROM notifications GROUP BY channel,"
                                    + " state")) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), c -> new java.util.TreeMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
            int attempts = 0;
            try (ResultSet rs = st.executeQuery("SELECT MAX(attempts) FROM notifications")) {
                if (rs.next()) {
                    attempts = rs.getInt(1);
                }
            }
            return new Stored(ids, sentinels, states, attempts);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return new Stored(List.of(), Set.of(), Map.of(), 0);
            }
            throw new StackException("chaos", "cannot read the alert-sink's store: " + e);
        }
    }

    /** Notifications still waiting for delivery or a retry. */
    static long pending(Stored stored) {
        return stored.notificationStates().values().stream()
                .mapToLong(states -> states.getOrDefault("PENDING", 0L))
                .sum();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
