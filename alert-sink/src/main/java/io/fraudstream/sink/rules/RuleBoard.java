package io.fraudstream.sink.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleHitCodec;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import io.fraudstream.sink.SinkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's view of the job's rules, kept in memory from three topics read without a group
 * (nothing committed, nothing stored): the rules topic (mode, version, description), the status
 * topic (ACCEPTED / REJECTED with the reason / DELETED) and the hits of the last hour, counted per
 * minute of their record time, active and shadow apart. A topic that does not exist yet is looked
 * for again every {@value #DISCOVERY_SECONDS} s. Runs on its own thread; {@link #close} stops it.
 */
public final class RuleBoard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBoard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINUTES = 60;
    private static final long MINUTE_MS = 60_000;
    static final int DISCOVERY_SECONDS = 10;

    /** One rule as the dashboard shows it. */
    public record View(
            String id,
            Integer version,
            String mode,
            String description,
            String status,
            Integer statusVersion,
            String reason,
            long activeHitsLastHour,
            long shadowHitsLastHour,
            int[] activePerMinute,
            int[] shadowPerMinute) {}

    private static final class Entry {
        Integer version;
        String mode;
        String description;
        RuleStatus status;
        final long[] minute = new long[MINUTES];
        final int[] active = new int[MINUTES];
        final int[] shadow = new int[MINUTES];
        boolean onTopic;
    }

    private final SinkConfig.Kafka config;
    private final Clock clock;
    private final Map<String, Entry> rules = new TreeMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public RuleBoard(SinkConfig.Kafka config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.consumer =
                new KafkaConsumer<>(
                        config.client(
                                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "alert-sink-rules"),
                                Map.of(
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false,
                                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                        ByteArrayDeserializer.class.getName(),
                                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                        ByteArrayDeserializer.class.getName())));
        this.thread = new Thread(this::run, "rule-board");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Every rule known from any of the topics, by id. */
    public synchronized List<View> views() {
        long now = clock.millis();
        List<View> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : rules.entrySet()) {
            Entry r = e.getValue();
            if (!r.onTopic
                    && (r.status == null || r.status.status() == RuleStatus.Status.DELETED)) {
                continue; // deleted
            }
            int[] active = new int[MINUTES];
            int[] shadow = new int[MINUTES];
            long activeSum = 0;
            long shadowSum = 0;
            long current = now / MINUTE_MS;
            for (int slot = 0; slot < MINUTES; slot++) {
                long age = current - r.minute[slot];
                if (age >= 0 && age < MINUTES && (r.active[slot] > 0 || r.shadow[slot] > 0)) {
                    int i = MINUTES - 1 - (int) age; // oldest first
                    active[i] = r.active[slot];
                    shadow[i] = r.shadow[slot];
                    activeSum += r.active[slot];
                    shadowSum += r.shadow[slot];
                }
            }
            out.add(
                    new View(
                            e.getKey(),
                            r.version,
                            r.mode,
                            r.description,
                            r.status == null ? "PENDING" : r.status.status().name(),
                            r.status == null ? null : r.status.version(),
                            r.status == null ? null : r.status.reason(),
                            activeSum,
                            shadowSum,
                            active,
                            shadow));
        }
        return out;
    }

    private void run() {
        Map<String, Boolean> assigned = new HashMap<>();
        long nextDiscovery = 0;
        try {
            while (running) {
                if (assigned.size() < 3 && System.nanoTime() >= nextDiscovery) {
                    discover(assigned);
                    nextDiscovery =
                            System.nanoTime() + Duration.ofSeconds(DISCOVERY_SECONDS).toNanos();
                }
                if (assigned.isEmpty()) {
                    synchronized (this) {
                        wait(500);
                    }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("rules view stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void discover(Map<String, Boolean> assigned) {
        List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (String topic :
                List.of(config.rulesTopic(), config.rulesStatusTopic(), config.ruleHitsTopic())) {
            if (assigned.containsKey(topic)) {
                continue;
            }
            List<PartitionInfo> info;
            try {
                info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (WakeupException closing) {
                throw closing;
            } catch (RuntimeException e) {
                continue;
            }
            if (info == null || info.isEmpty()) {
                continue;
            }
            assigned.put(topic, true);
            info.forEach(i -> added.add(new TopicPartition(topic, i.partition())));
        }
        if (added.isEmpty()) {
            return;
        }
        partitions.addAll(added);
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        for (TopicPartition tp : added) {
            if (tp.topic().equals(config.ruleHitsTopic())) {
                since.put(tp, clock.millis() - MINUTES * MINUTE_MS);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        if (!since.isEmpty()) {
            consumer.offsetsForTimes(since)
                    .forEach(
                            (tp, at) -> {
                                if (at == null) {
                                    consumer.seekToEnd(List.of(tp));
                                } else {
                                    consumer.seek(tp, at.offset());
                                }
                            });
        }
    }

    private synchronized void apply(ConsumerRecord<byte[], byte[]> r) {
        String topic = r.topic();
        if (topic.equals(config.rulesTopic())) {
            if (r.key() == null) {
                return;
            }
            String id = new String(r.key(), StandardCharsets.UTF_8);
            Entry e = rules.computeIfAbsent(id, k -> new Entry());
            if (r.value() == null) {
                e.onTopic = false;
                return;
            }
            e.onTopic = true;
            try {
                JsonNode rule = JSON.readTree(r.value());
                e.version = rule.path("version").isInt() ? rule.get("version").intValue() : null;
                e.mode = rule.path("mode").isTextual() ? rule.get("mode").textValue() : "ACTIVE";
                e.description =
                        rule.path("description").isTextual()
                                ? rule.get("description").textValue()
                                : null;
            } catch (java.io.IOException | RuntimeException notJson) {
                e.version = null;
                e.mode = null;
                e.description = null;
            }
            return;
        }
        if (r.value() == null) {
            return;
        }
        try {
            if (topic.equals(config.rulesStatusTopic())) {
                RuleStatus status = RuleStatusCodec.INSTANCE.decode(r.value());
                rules.computeIfAbsent(status.ruleId(), k -> new Entry()).status = status;
            } else {
                RuleHit hit = RuleHitCodec.INSTANCE.decode(r.value());
                Entry e = rules.computeIfAbsent(hit.ruleId(), k -> new Entry());
                long minute = r.timestamp() / MINUTE_MS;
                int slot = (int) Math.floorMod(minute, (long) MINUTES);
                if (e.minute[slot] != minute) {
                    e.minute[slot] = minute;
                    e.active[slot] = 0;
                    e.shadow[slot] = 0;
                }
                if (hit.shadow()) {
                    e.shadow[slot]++;
                } else {
                    e.active[slot]++;
                }
            }
        } catch (InvalidEventException notTheJobs) {
            // another producer's record: not shown
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
