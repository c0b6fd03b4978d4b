package io.fraudstream.sink;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.OptionArgs;
import io.fraudstream.sink.bench.BenchCommand;
import io.fraudstream.sink.ingest.IngestHook;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/alert-sink}: runs the alert-sink service in the foreground until it is stopped (Ctrl-C
 * or SIGTERM shut it down gracefully); {@code keys} manages the API keys; {@code bench} measures
 * the ingest rate.
 */
@Command(
        name = "alert-sink",
        mixinStandardHelpOptions = true,
        version = "alert-sink (fraudstream 0.1.0)",
        description =
                "Consumes fraud alerts, stores each once, notifies, and serves the API and the"
                        + " dashboard. Any setting of conf/alert-sink.yaml can be given as"
                        + " --<key> <value>, such as --notifications.rate-limit.per-account 10 or"
                        + " --kafka.properties.security.protocol SASL_SSL.",
        subcommands = {KeysCommand.class, BenchCommand.class})
public final class AlertSinkMain implements Callable<Integer> {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Configuration file (default: conf/alert-sink.yaml under the fraudstream"
                            + " home, if present, else built-in defaults).")
    Path config;

    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "HTTP address to listen on (default 127.0.0.1).")
    String host;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "Database (default jdbc:sqlite:var/alerts.db).")
    String db;

    @Option(names = "--topic", description = "Alerts topic (default fraud-alerts).")
    String topic;

    @Option(names = "--group-id", description = "Consumer group (default fraudstream-alert-sink).")
    String groupId;

    @Option(
            names = "--customer-gateway-url",
            paramLabel = "URL",
            description =
                    "Messaging gateway the customer channel POSTs cardholder messages to (turns"
                            + " the channel on; its secret in FRAUDSTREAM_CUSTOMER_SECRET or the"
                            + " config).")
    private String customerGatewayUrl;

    @Option(
            names = "--generate-token",
            description =
                    "Generate a bootstrap admin token and print it when none is configured"
                            + " (FRAUDSTREAM_API_TOKEN or http.token).")
    boolean generateToken;

    /** Every other {@code --<key> <value>}: a setting keyed as the file is, such as --http.port. */
    @CommandLine.Unmatched List<String> settings = new ArrayList<>();

    /** The keys {@link #settings} set, once parsed: an error in one is the command line's. */
    private Set<String> commandLineKeys = Set.of();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private IngestHook hook = IngestHook.NONE;

    public static void main(String[] args) {
        System.exit(execute(args, IngestHook.NONE));
    }

    /** Runs the command line with an ingest hook; crash-safety tests pass one that halts. */
    static int execute(String[] args, IngestHook hook) {
        AlertSinkMain main = new AlertSinkMain();
        main.hook = hook;
        return new CommandLine(main).execute(args);
    }

    /** The fraudstream checkout: {@code -Dfraudstream.home}, set by bin/, else the working dir. */
    static Path home() {
        String home = System.getProperty("fraudstream.home");
        return Path.of(home == null ? "" : home).toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SinkConfig sinkConfig;
        try {
            sinkConfig = loadConfig();
        } catch (ConfigException e) {
            err.println("alert-sink: " + e.getMessage());
            if (e.key() != null && commandLineKeys.contains(e.key())
                    || e.getMessage().startsWith("command line:")) {
                // A mistyped option on the command line, not a bad file: show what there is.
                spec.commandLine().usage(err);
            }
            err.flush();
            return 2;
        }
        AlertSinkService service;
        try {
            service = AlertSinkService.start(sinkConfig, hook, Clock.systemUTC());
        } catch (ConfigException e) {
            err.println("alert-sink: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RuntimeException e) {
            err.println("alert-sink: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "alert-sink-shutdown"));
        String url = "http://" + displayHost(sinkConfig.http().host()) + ":" + service.port() + "/";
        out.println(
                "alert-sink: consuming "
                        + sinkConfig.kafka().alertsTopic()
                        + " from "
                        + sinkConfig.kafka().bootstrapServers()
                        + " (group "
                        + sinkConfig.kafka().groupId()
                        + "), database "
                        + sinkConfig.store().displayUrl());
        out.println("alert-sink: dashboard " + url);
        if (sinkConfig.http().tokenGenerated()) {
            out.println(
                    "alert-sink: API token (generated; the bootstrap admin key): "
                            + sinkConfig.http().token());
            out.println(
                    "alert-sink: signed-in dashboard "
                            + url
                            + "#token="
                            + sinkConfig.http().token());
        }
        out.flush();
        Duration wait = sinkConfig.health().brokerTimeout();
        if (service.awaitBrokerContact(wait)) {
            out.println("alert-sink: ready; Ctrl-C stops it");
        } else if (service.ingestRunning()) {
            out.println(
                    "alert-sink: no broker at "
                            + sinkConfig.kafka().bootstrapServers()
                            + " answered within "
                            + wait.toSeconds()
                            + " s; retrying, and /health answers 503 until one does. Ctrl-C"
                            + " stops it");
        }
        out.flush();
        service.awaitIngestEnd();
        if (service.ingestFailure() != null) {
            err.println("alert-sink: ingest failed: " + service.ingestFailure());
            err.flush();
            service.close();
            return 1;
        }
        service.awaitClosed();
        return 0;
    }

    /** The configuration file: the one given, else conf/alert-sink.yaml if present, else none. */
    static Path configFile(Path given) {
        if (given != null) {
            return given;
        }
        Path defaultFile = home().resolve("conf/alert-sink.yaml");
        return Files.isRegularFile(defaultFile) ? defaultFile : null;
    }

    private SinkConfig loadConfig() {
        Path home = home();
        Path file = configFile(config);
        // Any setting as --<key> <value> (keyed as the file is); the named options above win.
        Map<String, String> overrides = new LinkedHashMap<>(OptionArgs.parse(settings));
        commandLineKeys = Set.copyOf(overrides.keySet());
        put(overrides, ConfigLoader.HTTP_PORT, port == null ? null : port.toString());
        put(overrides, ConfigLoader.HTTP_HOST, host);
        put(overrides, ConfigLoader.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        put(overrides, ConfigLoader.STORE_URL, db);
        put(overrides, ConfigLoader.KAFKA_ALERTS_TOPIC, topic);
        put(overrides, ConfigLoader.KAFKA_GROUP_ID, groupId);
        put(overrides, ConfigLoader.CUSTOMER_URL, customerGatewayUrl);
        return ConfigLoader.load(file, overrides, System.getenv(), home, generateToken);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
