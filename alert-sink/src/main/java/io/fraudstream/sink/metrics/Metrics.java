package io.fraudstream.sink.metrics;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.store.BatchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The service's metrics in a Micrometer registry, exposed in the Prometheus text format on {@code
 * /metrics}: ingest (records, alerts stored and duplicate, quarantined, errors, batch time), the
 * outbox (delivery attempts by channel and outcome, notifications by channel and state), cases by
 * status and queue, the cardholders' answers and refused links, HTTP requests by route and status,
 * the live stream's clients, and the JVM (memory, GC, threads, classes, CPU, uptime).
 */
public final class Metrics implements AutoCloseable {

    /** Histogram buckets of the latency timers, 5 ms to 30 s. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private final Counter recordsConsumed =
            Counter.builder("alertsink.records.consumed")
                    .description("Kafka records consumed.")
                    .register(registry);
    private final Counter alertsIngested =
            Counter.builder("alertsink.alerts.ingested")
                    .description("Alerts stored for the first time.")
                    .register(registry);
    private final Counter duplicates =
            Counter.builder("alertsink.alerts.duplicate")
                    .description("Alerts skipped because their id was already stored.")
                    .register(registry);
    private final Counter quarantined =
            Counter.builder("alertsink.records.quarantined")
                    .description("Records that did not decode, quarantined.")
                    .register(registry);
    private final Counter ingestErrors =
            Counter.builder("alertsink.ingest.errors")
                    .description("Batches that failed to store and were retried.")
                    .register(registry);
    private final Timer batchTime =
            Timer.builder("alertsink.ingest.batch")
                    .description("Time to decode and store one batch.")
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
    private final Timer detectedToStored =
            Timer.builder("alertsink.alerts.delay")
                    .description(
                            "From the job's decision (the alert's detectedAt) to the alert stored"
                                    + " here: the alert topic, the poll and the database.")
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
    private final Counter linksRefused =
            Counter.builder("alertsink.customer.links.refused")
                    .description("Response links refused: unknown, expired, used up or tampered.")
                    .register(registry);
    private final AtomicInteger streamClients = new AtomicInteger();
    private final MultiGauge notifications =
            MultiGauge.builder("alertsink.notifications")
                    .description("Notifications in the outbox by channel and state.")
                    .register(registry);
    private final MultiGauge cases =
            MultiGauge.builder("alertsink.cases")
                    .description("Cases by status.")
                    .register(registry);
    private final MultiGauge queues =
            MultiGauge.builder("alertsink.cases.waiting")
                    .description(
                            "Unresolved cases by whom they wait for: the analysts or the"
                                    + " cardholder.")
                    .register(registry);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("alertsink.stream.clients", streamClients, AtomicInteger::get)
                .description("Connected live-stream (SSE) clients.")
                .register(registry);
    }

    /** Counts one stored batch of {@code records} Kafka records that took {@code nanos}. */
    public void batchStored(int records, BatchResult result, long nanos) {
        recordsConsumed.increment(records);
        alertsIngested.increment(result.stored().size());
        duplicates.increment(result.duplicates());
        quarantined.increment(result.quarantined());
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
        long now = System.currentTimeMillis();
        for (Alert alert : result.stored()) {
            // A skewed clock between the job and here must not record a negative delay.
            detectedToStored.record(
                    Math.max(0, now - alert.detectedAt().toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }

    /** Counts a batch that could not be stored and will be retried. */
    public void ingestError() {
        ingestErrors.increment();
    }

    /** Counts one delivery attempt on a channel by its outcome. */
    public void deliveryAttempt(String channel, String outcome) {
        Counter.builder("alertsink.notification.attempts")
                .description("Delivery attempts by channel and outcome.")
                .tags("channel", channel, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Counts a refused response link. */
    public void customerLinkRefused() {
        linksRefused.increment();
    }

    /** Counts a cardholder's answer ({@code me}, {@code not-me}). */
    public void customerAnswer(String answer) {
        Counter.builder("alertsink.customer.answers")
                .description("Cardholders' answers by answer.")
                .tag("answer", answer)
                .register(registry)
                .increment();
    }

    /** Times one HTTP request by method, route (the path template) and status. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("alertsink.http.requests")
                .description("HTTP requests by method, route and status.")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Publishes a Kafka consumer's own metrics (the fetch manager's {@code records-lag-max} is the
     * alert-sink's lag on the alert topic), until the returned handle is closed.
     */
    public AutoCloseable kafkaConsumer(Consumer<?, ?> consumer) {
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        return clientMetrics;
    }

    /** The live-stream client count, kept up to date by the stream. */
    public AtomicInteger streamClients() {
        return streamClients;
    }

    /**
     * The exposition text, with the outbox and the cases read from the database now.
     *
     * @param notificationStates notifications by channel and state
     * @param caseCounts cases by status, and unresolved ones by queue ({@code analyst}, {@code
     *     customer})
     */
    public String scrape(
            Supplier<Map<String, Map<String, Long>>> notificationStates,
            Supplier<CaseCounts> caseCounts) {
        notifications.register(rows(notificationStates.get(), "channel", "state"), true);
        CaseCounts counts = caseCounts.get();
        cases.register(rows(counts.byStatus(), "status"), true);
        queues.register(rows(counts.byQueue(), "queue"), true);
        return registry.scrape();
    }

    /** Cases by status and by queue, as the database holds them now. */
    public record CaseCounts(Map<String, Long> byStatus, Map<String, Long> byQueue) {}

    private static List<MultiGauge.Row<?>> rows(Map<String, Long> counts, String tag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((value, count) -> rows.add(MultiGauge.Row.of(Tags.of(tag, value), count)));
        return rows;
    }

    private static List<MultiGauge.Row<?>> rows(
            Map<String, Map<String, Long>> counts, String outer, String inner) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach(
                (a, byB) ->
                        byB.forEach(
                                (b, count) ->
                                        rows.add(
                                                MultiGauge.Row.of(
                                                        Tags.of(outer, a, inner, b), count))));
        return rows;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
