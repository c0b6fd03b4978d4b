package io.fraudstream.sink.ingest;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.BatchResult;
import io.fraudstream.sink.store.IncomingAlert;
import io.fraudstream.sink.store.NotificationPlanner;
import io.fraudstream.sink.store.QuarantinedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest loop: poll a batch, decode it, store it in one database transaction (alerts deduped by
 * id, notifications planned, undecodable records quarantined), then commit the batch's offsets and
 * tell the listeners. Offsets are committed only after the database commit, so an alert is never
 * acknowledged to Kafka before it is stored; a crash in between replays the batch, and the dedup by
 * alert id and quarantine key makes the replay a no-op.
 */
public final class IngestLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    /** First wait after a failed database write; doubles up to {@link #MAX_RETRY_WAIT}. */
    private static final Duration FIRST_RETRY_WAIT = Duration.ofMillis(200);

    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final AlertStore store;
    private final NotificationPlanner planner;
    private final IngestListener listener;
    private final IngestHook hook;
    private final Metrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Throwable failure;
    private long batches;

    private static final long NEVER = Long.MIN_VALUE;

    // Health: written by the loop thread only, read by /health.
    private final long started = System.nanoTime();
    private volatile long lastIteration = started;
    private volatile long lastBrokerResponse = NEVER;
    private Metric responses;
    private double responsesSeen;

    /**
     * @param consumer a consumer with {@code enable.auto.commit=false}, owned (and closed) by the
     *     loop
     * @param topic the alerts topic
     * @param store where alerts go
     * @param planner the notifications of each new alert
     * @param listener told about stored alerts
     * @param hook called between database commit and offset commit
     * @param metrics counts batches
     */
    public IngestLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            AlertStore store,
            NotificationPlanner planner,
            IngestListener listener,
            IngestHook hook,
            Metrics metrics) {
        this.consumer = consumer;
        this.topic = topic;
        this.store = store;
        this.planner = planner;
        this.listener = listener;
        this.hook = hook;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalances());
            Duration retryWait = FIRST_RETRY_WAIT;
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                } catch (WakeupException e) {
                    continue; // stop() woke us; the loop condition decides
                } finally {
                    noteProgress();
                }
                if (records.isEmpty()) {
                    continue;
                }
                if (store(records)) {
                    retryWait = FIRST_RETRY_WAIT;
                } else {
                    rewind(records);
                    awaitStop(retryWait);
                    retryWait = retryWait.multipliedBy(2);
                    if (retryWait.compareTo(MAX_RETRY_WAIT) > 0) {
                        retryWait = MAX_RETRY_WAIT;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Ingest stopped: {}", e.toString(), e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer failed: {}", e.toString());
            }
            stopped.countDown();
        }
    }

    /** Stores a batch and commits its offsets; false if the database refused it. */
    private boolean store(ConsumerRecords<byte[], byte[]> records) {
        long start = System.nanoTime();
        List<IncomingAlert> alerts = new ArrayList<>(records.count());
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            decode(record, alerts, quarantined);
        }
        // The position, not the last offset + 1: it also steps over the transaction markers of
        // the job's exactly-once sink, so the group shows no lag once everything is stored.
        for (TopicPartition partition : records.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        BatchResult result;
        try {
            result = store.storeBatch(alerts, quarantined, planner);
        } catch (RuntimeException e) {
            metrics.ingestError();
            LOG.error(
                    "Storing a batch of {} records failed; it will be read again: {}",
                    records.count(),
                    e.toString());
            return false;
        }
        batches++;
        metrics.batchStored(records.count(), result, System.nanoTime() - start);
        hook.afterStore(batches, result);
        commit(offsets);
        if (result.quarantined() > 0) {
            LOG.warn("Quarantined {} records that did not decode", result.quarantined());
        }
        if (!result.stored().isEmpty()) {
            listener.stored(result.stored());
        }
        return true;
    }

    private static void decode(
            ConsumerRecord<byte[], byte[]> record,
            List<IncomingAlert> alerts,
            List<QuarantinedRecord> quarantined) {
        if (record.value() == null) {
            quarantined.add(
                    new QuarantinedRecord(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            null,
                            null,
                            "payload: null record value (tombstone)"));
            return;
        }
        try {
            Alert alert = AlertCodec.INSTANCE.decode(record.value());
            alerts.add(
                    new IncomingAlert(
                            alert,
                            json(record.value()),
                            record.topic(),
                            record.partition(),
                            record.offset()));
        } catch (InvalidEventException e) {
            quarantined.add(
                    new QuarantinedRecord(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            record.value(),
                            e.field(),
                            e.getMessage()));
        }
    }

    /** The record as text, without the byte-order mark the decoder tolerates. */
    private static String json(byte[] value) {
        boolean bom =
                value.length >= 3
                        && (value[0] & 0xff) == 0xef
                        && (value[1] & 0xff) == 0xbb
                        && (value[2] & 0xff) == 0xbf;
        return bom
                ? new String(value, 3, value.length - 3, StandardCharsets.UTF_8)
                : new String(value, StandardCharsets.UTF_8);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            // stop() raced with the commit: commit again, the records are stored.
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // The partitions moved to another member, which will read these records again and
            // skip them as duplicates: nothing is lost.
            LOG.warn("Offset commit failed, the records will be redelivered: {}", e.toString());
        }
    }

    /** Seeks back to the start of a batch that was not stored, so it is read again. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            if (!inPartition.isEmpty() && assignment.contains(partition)) {
                consumer.seek(partition, inPartition.get(0).offset());
            }
        }
    }

    private void awaitStop(Duration wait) {
        try {
            stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Asks the loop to stop after the batch in flight; {@link #awaitStopped} waits for it. */
    public void stop() {
        running = false;
        stopping.countDown();
        consumer.wakeup();
    }

    /** Waits until the loop has stored its last batch, committed and closed the consumer. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop is still consuming. */
    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /**
     * Records that the loop came round once more, and whether a broker answered since the last
     * time: the consumer's {@code response-total} grows with every response, fetches included, and
     * a healthy consumer's fetches return at least every {@code fetch.max.wait.ms} (500 ms) even
     * when there is nothing to read. An empty poll alone cannot tell "no alerts" from "no broker".
     */
    private void noteProgress() {
        long now = System.nanoTime();
        lastIteration = now;
        if (responses == null) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
                if (metric.getKey().name().equals("response-total")
                        && metric.getKey().group().equals("consumer-metrics")) {
                    responses = metric.getValue();
                }
            }
        }
        if (responses != null && responses.metricValue() instanceof Number count) {
            double seen = count.doubleValue();
            if (seen > responsesSeen) {
                responsesSeen = seen;
                lastBrokerResponse = now;
            }
        }
    }

    /**
     * The loop's health: {@code STOPPED} once it ended; {@code STALLED} when it has not come round
     * for {@code stallTimeout} (a store call or the consumer hangs); {@code CONNECTING} until a
     * broker first answered and {@code NO_BROKER} when none has for {@code brokerTimeout}; else
     * {@code RUNNING}.
     */
    public IngestHealth health(Duration brokerTimeout, Duration stallTimeout) {
        long now = System.nanoTime();
        if (!isRunning()) {
            return new IngestHealth(IngestHealth.State.STOPPED, null);
        }
        if (now - lastIteration > stallTimeout.toNanos()) {
            return new IngestHealth(
                    IngestHealth.State.STALLED, Duration.ofNanos(now - lastIteration));
        }
        long contact = lastBrokerResponse;
        if (contact == NEVER && now - started <= brokerTimeout.toNanos()) {
            return new IngestHealth(IngestHealth.State.CONNECTING, null);
        }
        if (contact == NEVER) {
            return new IngestHealth(IngestHealth.State.NO_BROKER, Duration.ofNanos(now - started));
        }
        if (now - contact > brokerTimeout.toNanos()) {
            return new IngestHealth(IngestHealth.State.NO_BROKER, Duration.ofNanos(now - contact));
        }
        return new IngestHealth(IngestHealth.State.RUNNING, null);
    }

    /** Waits until a broker answered for the first time; false when {@code timeout} passed. */
    public boolean awaitBrokerContact(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastBrokerResponse == NEVER && isRunning()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            stopped.await(50, TimeUnit.MILLISECONDS);
        }
        return lastBrokerResponse != NEVER;
    }

    /** The error that ended the loop, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    /** Keeps the assignment for health reporting; offsets are committed per batch, not here. */
    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(consumer.assignment());
            LOG.info("Assigned partitions {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
            remaining.removeAll(partitions);
            assignment = Set.copyOf(remaining);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assignment = Set.of();
        }
    }
}
