package io.fraudstream.sink;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.sink.api.ApiServer;
import io.fraudstream.sink.customer.CustomerMessages;
import io.fraudstream.sink.customer.ResponseTokens;
import io.fraudstream.sink.ingest.IngestHook;
import io.fraudstream.sink.ingest.IngestLoop;
import io.fraudstream.sink.keys.ApiKeys;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.notify.Backoff;
import io.fraudstream.sink.notify.Channel;
import io.fraudstream.sink.notify.Dispatcher;
import io.fraudstream.sink.notify.LogChannel;
import io.fraudstream.sink.notify.NotificationRouter;
import io.fraudstream.sink.notify.RateLimiter;
import io.fraudstream.sink.notify.VerdictChannel;
import io.fraudstream.sink.notify.WebhookChannel;
import io.fraudstream.sink.rules.RuleBoard;
import io.fraudstream.sink.rules.RulePublisher;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.AuditLog;
import io.fraudstream.sink.store.CasePolicy;
import io.fraudstream.sink.store.CaseStore;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running alert-sink: database, ingest loop, notification dispatcher and HTTP server, wired
 * from one {@link SinkConfig}. {@link #close()} shuts it down gracefully: the ingest loop stores
 * and commits its last batch, the HTTP server finishes its requests, the dispatcher records its
 * deliveries in flight, then the clients and the database close.
 */
public final class AlertSinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSinkService.class);

    private final Database database;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Dispatcher dispatcher;
    private final IngestLoop ingest;
    private final Thread ingestThread;
    private final ApiServer api;
    private final RuleBoard board;
    private final Metrics metrics;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private AlertSinkService(SinkConfig config, IngestHook hook, Clock clock) {
        Metrics metrics = new Metrics();
        this.metrics = metrics;
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(metrics);
        try {
            this.database =
                    Database.open(
                            config.store().url(),
                            config.store().poolSize(),
                            config.store().password());
            opened.add(database);
            AlertStore store =
                    new AlertStore(database, clock, new CasePolicy(config.cases().window()));
            CaseStore cases = new CaseStore(database, clock);
            ApiKeys keys = new ApiKeys(new KeyStore(database, clock), config.http().token(), clock);
            if (!keys.anyUsable()) {
                throw new ConfigException(
                        ConfigLoader.HTTP_TOKEN,
                        "no API token and no API key in "
                                + config.store().displayUrl()
                                + ": set the environment variable "
                                + ConfigLoader.ENV_API_TOKEN
                                + " or "
                                + ConfigLoader.HTTP_TOKEN
                                + " in conf/alert-sink.yaml, create a key with `bin/alert-sink keys"
                                + " create NAME --role admin`, or start with --generate-token to"
                                + " have a token generated and printed");
            }
            this.producer = new KafkaProducer<>(producerProperties(config.kafka()));
            opened.add(() -> producer.close(Duration.ZERO));
            Map<String, Channel> channels = new LinkedHashMap<>();
            channels.put(LogChannel.NAME, new LogChannel());
            if (config.notifications().webhook() != null) {
                channels.put(
                        WebhookChannel.NAME, new WebhookChannel(config.notifications().webhook()));
            } else {
                LOG.info(
                        "Webhook channel off ({} is empty): routes to it are ignored",
                        ConfigLoader.WEBHOOK_URL);
            }
            // The listener needs the API server, which needs the ingest loop's health: a holder
            // breaks the cycle; alerts stored before the server exists have no stream clients.
            AtomicReference<ApiServer> apiRef = new AtomicReference<>();
            SinkConfig.Customer customer = config.notifications().customer();
            CustomerMessages messages = null;
            ResponseTokens tokens = null;
            if (customer != null) {
                channels.put(
                        CustomerMessages.CHANNEL,
                        new WebhookChannel(CustomerMessages.CHANNEL, customer.gateway()));
                tokens = new ResponseTokens(customer.tokenSecret(), customer.tokenTtl(), clock);
                messages =
                        new CustomerMessages(
                                tokens,
                                customer,
                                () ->
                                        "http://"
                                                + linkHost(config.http().host())
                                                + ":"
                                                + (apiRef.get() == null
                                                        ? config.http().port()
                                                        : apiRef.get().port()),
                                clock);
                if (customer.respondBaseUrl() == null) {
                    LOG.warn(
                            "{} is empty: response links point at this service's own address,"
                                    + " which only works on this machine; set it to the public"
                                    + " HTTPS address cardholders reach",
                            ConfigLoader.CUSTOMER_RESPOND_BASE_URL);
                }
            } else {
                LOG.info(
                        "Customer channel off ({} is empty): routes to it are ignored",
                        ConfigLoader.CUSTOMER_URL);
            }
            NotificationRouter router =
                    new NotificationRouter(
                            config.notifications(),
                            channels.keySet(),
                            new RateLimiter(
                                    config.notifications().rateLimit().perAccount(),
                                    config.notifications().rateLimit().window(),
                                    clock),
                            messages);
            channels.put(
                    VerdictChannel.NAME,
                    new VerdictChannel(
                            producer, config.kafka().verdictsTopic(), Duration.ofSeconds(30)));
            channels.put(
                    VerdictChannel.CUSTOMER,
                    new VerdictChannel(
                            VerdictChannel.CUSTOMER,
                            producer,
                            config.kafka().verdictsTopic(),
                            Duration.ofSeconds(30)));
            this.dispatcher =
                    new Dispatcher(
                            store,
                            channels,
                            config.notifications(),
                            new Backoff(config.notifications().retry(), new Random()),
                            clock,
                            metrics);
            opened.add(dispatcher);
            KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(consumerProperties(config.kafka()));
            opened.add(consumer);
            opened.add(metrics.kafkaConsumer(consumer));
            this.ingest =
                    new IngestLoop(
                            consumer,
                            config.kafka().alertsTopic(),
                            store,
                            router,
                            alerts -> {
                                dispatcher.wakeUp();
                                ApiServer server = apiRef.get();
                                if (server != null) {
                                    server.alertsStored(alerts);
                                }
                            },
                            hook,
                            metrics);
            RuleBoard board = new RuleBoard(config.kafka(), clock);
            opened.add(board);
            this.board = board;
            AuditLog audit = new AuditLog(database);
            this.api =
                    new ApiServer(
                            config.http(),
                            store,
                            cases,
                            keys,
                            audit,
                            tokens,
                            metrics,
                            dispatcher::wakeUp,
                            () ->
                                    ingest.health(
                                            config.health().brokerTimeout(),
                                            config.health().stallTimeout()),
                            board::views,
                            new RulePublisher(
                                    producer,
                                    config.kafka().rulesTopic(),
                                    audit,
                                    clock,
                                    Duration.ofSeconds(10)),
                            clock);
            apiRef.set(api);
            dispatcher.start();
            board.start();
            this.ingestThread = new Thread(ingest, "alert-sink-ingest");
            ingestThread.start();
        } catch (RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                closeQuietly("start-up resource", opened.get(i));
            }
            throw e;
        }
    }

    /**
     * Starts a service.
     *
     * @param config the configuration
     * @param hook called between each batch's database and offset commit
     * @param clock the time source
     */
    public static AlertSinkService start(SinkConfig config, IngestHook hook, Clock clock) {
        return new AlertSinkService(config, hook, clock);
    }

    /** Starts a service with the system clock and no hook. */
    public static AlertSinkService start(SinkConfig config) {
        return start(config, IngestHook.NONE, Clock.systemUTC());
    }

    static Properties consumerProperties(SinkConfig.Kafka kafka) {
        return kafka.client(
                Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "alert-sink",
                        // Skip aborted transactions of the job's exactly-once sink; at-least-once
                        // works as is.
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        kafka.maxPollRecords(),
                        // A sink that crashed holds its partitions until its session expires:
                        // keep that short, so a restarted sink resumes within seconds (heartbeats
                        // come from a background thread, so a slow batch does not count against
                        // it).
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        2_000),
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        kafka.groupId(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName(),
                        // Offsets are committed by hand after the database commit, never in the
                        // background.
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false));
    }

    static Properties producerProperties(SinkConfig.Kafka kafka) {
        return kafka.client(
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "alert-sink-verdicts",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        30_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        20_000,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                Map.of(
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class.getName()));
    }

    /**
     * The host of response links when no public address is configured: the address the server
     * listens on, or the loopback address when it listens on all of them.
     */
    static String linkHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The HTTP port (the actual one when configured as 0). */
    public int port() {
        return api.port();
    }

    /** Whether the ingest loop still runs; false after a fatal consumer error or a stop. */
    public boolean ingestRunning() {
        return ingest.isRunning();
    }

    /** Waits until a broker first answered the consumer; false when {@code timeout} passed. */
    public boolean awaitBrokerContact(Duration timeout) throws InterruptedException {
        return ingest.awaitBrokerContact(timeout);
    }

    /** The error that stopped the ingest loop, or {@code null}. */
    public Throwable ingestFailure() {
        return ingest.failure();
    }

    /** Blocks until the ingest loop ends (a stop or a fatal error). */
    public void awaitIngestEnd() throws InterruptedException {
        ingestThread.join();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            LOG.info("Shutting down: finishing the batch in flight and committing its offsets");
            ingest.stop();
            try {
                if (!ingest.awaitStopped(Duration.ofSeconds(60))) {
                    LOG.warn("Ingest did not stop within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly("HTTP server", api);
            closeQuietly("rules view", board);
            closeQuietly("dispatcher", dispatcher);
            closeQuietly("producer", () -> producer.close(Duration.ofSeconds(10)));
            closeQuietly("database", database);
            closeQuietly("metrics", metrics);
            LOG.info("Stopped");
        } finally {
            closed.countDown();
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed: {}", what, e.toString());
        }
    }
}
