package io.fraudstream.sink.metrics;

import io.fraudstream.sink.store.BatchResult;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The service's counters, exposed in the Prometheus text format on {@code /metrics}. Written by
 * hand: a few counters and one histogram do not justify a metrics library.
 */
public final class Metrics {

    /** Upper bounds (seconds) of the ingest batch latency histogram. */
    private static final double[] BATCH_BUCKETS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final LongAdder recordsConsumed = new LongAdder();
    private final LongAdder alertsIngested = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder ingestErrors = new LongAdder();
    private final LongAdder[] batchBuckets = new LongAdder[BATCH_BUCKETS.length + 1];
    private final LongAdder batchNanos = new LongAdder();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger streamClients = new AtomicInteger();
    private final LongAdder linksRefused = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

    public Metrics() {
        for (int i = 0; i < batchBuckets.length; i++) {
            batchBuckets[i] = new LongAdder();
        }
    }

    /** Counts one stored batch of {@code records} Kafka records that took {@code nanos}. */
    public void batchStored(int records, BatchResult result, long nanos) {
        recordsConsumed.add(records);
        alertsIngested.add(result.stored().size());
        duplicates.add(result.duplicates());
        quarantined.add(result.quarantined());
        batches.increment();
        batchNanos.add(nanos);
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BATCH_BUCKETS.length && seconds > BATCH_BUCKETS[bucket]) {
            bucket++;
        }
        batchBuckets[bucket].increment();
    }

    /** Counts a batch that could not be stored and will be retried. */
    public void ingestError() {
        ingestErrors.increment();
    }

    /** Counts one delivery attempt on a channel by its outcome. */
    public void deliveryAttempt(String channel, String outcome) {
        attempts.computeIfAbsent(channel + "\u0000" + outcome, k -> new LongAdder()).increment();
    }

    /** Response links refused (unknown, expired, used up or tampered: all look alike). */
    public LongAdder customerLinksRefused() {
        return linksRefused;
    }

    /** Cardholders' answers by answer ({@code me}, {@code not-me}). */
    public LongAdder customerAnswers(String answer) {
        return answers.computeIfAbsent(answer, k -> new LongAdder());
    }

    /** The live-stream client count, kept up to date by the stream. */
    public AtomicInteger streamClients() {
        return streamClients;
    }

    /**
     * The exposition text.
     *
     * @param notificationStates notifications by channel and state, read from the outbox now
     */
    public String scrape(Supplier<Map<String, Map<String, Long>>> notificationStates) {
        StringBuilder out = new StringBuilder(4096);
        counter(
                out,
                "alertsink_records_consumed_total",
                "Kafka records consumed.",
                recordsConsumed);
        counter(
                out,
                "alertsink_alerts_ingested_total",
                "Alerts stored for the first time.",
                alertsIngested);
        counter(
                out,
                "alertsink_alerts_duplicate_total",
                "Alerts skipped because their id was already stored.",
                duplicates);
        counter(
                out,
                "alertsink_records_quarantined_total",
                "Records that did not decode, quarantined.",
                quarantined);
        counter(
                out,
                "alertsink_ingest_errors_total",
                "Batches that failed to store and were retried.",
                ingestErrors);
        counter(
                out,
                "alertsink_customer_links_refused_total",
                "Response links refused: unknown, expired, used up or tampered.",
                linksRefused);
        out.append("# HELP alertsink_customer_answers_total Cardholders' answers by answer.\n");
        out.append("# TYPE alertsink_customer_answers_total counter\n");
        for (String answer : new java.util.TreeSet<>(answers.keySet())) {
            out.append("alertsink_customer_answers_total{answer=\"")
                    .append(answer)
                    .append("\"} ")
                    .append(answers.get(answer).sum())
                    .append('\n');
        }

        out.append("# HELP alertsink_ingest_batch_seconds Time to decode and store one batch.\n");
        out.append("# TYPE alertsink_ingest_batch_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BATCH_BUCKETS.length; i++) {
            cumulative += batchBuckets[i].sum();
            out.append("alertsink_ingest_batch_seconds_bucket{le=\"")
                    .append(BATCH_BUCKETS[i])
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        cumulative += batchBuckets[BATCH_BUCKETS.length].sum();
        out.append("alertsink_ingest_batch_seconds_bucket{le=\"+Inf\"} ")
                .append(cumulative)
                .append('\n');
        out.append("alertsink_ingest_batch_seconds_sum ")
                .append(String.format(Locale.ROOT, "%.6f", batchNanos.sum() / 1e9))
                .append('\n');
        out.append("alertsink_ingest_batch_seconds_count ").append(batches.sum()).append('\n');

        out.append("# HELP alertsink_notification_attempts_total Delivery attempts by outcome.\n");
        out.append("# TYPE alertsink_notification_attempts_total counter\n");
        attempts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        e -> {
                            String[] parts = e.getKey().split("\u0000");
                            out.append("alertsink_notification_attempts_total{channel=\"")
                                    .append(label(parts[0]))
                                    .append("\",outcome=\"")
                                    .append(label(parts[1]))
                                    .append("\"} ")
                                    .append(e.getValue().sum())
                                    .append('\n');
                        });

        out.append(
                "# HELP alertsink_notifications Notifications in the outbox by channel and state.\n");
        out.append("# TYPE alertsink_notifications gauge\n");
        notificationStates
                .get()
                .forEach(
                        (channel, states) ->
                                states.forEach(
                                        (state, count) ->
                                                out.append("alertsink_notifications{channel=\"")
                                                        .append(label(channel))
                                                        .append("\",state=\"")
                                                        .append(label(state))
                                                        .append("\"} ")
                                                        .append(count)
                                                        .append('\n')));

        out.append("# HELP alertsink_stream_clients Connected live-stream (SSE) clients.\n");
        out.append("# TYPE alertsink_stream_clients gauge\n");
        out.append("alertsink_stream_clients ").append(streamClients.get()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, LongAdder value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value.sum()).append('\n');
    }

    /** Escapes a label value as the text format requires. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
