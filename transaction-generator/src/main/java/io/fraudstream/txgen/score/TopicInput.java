package io.fraudstream.txgen.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every partition of a topic, from the beginning up to the end offsets taken when reading starts;
 * records appended later are not read. Committed records only ({@code read_committed}, so the end
 * offsets are the last stable offsets), without a consumer group and without committing offsets.
 */
public final class TopicInput implements RecordInput {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Properties config;
    private final Duration idleTimeout;

    /**
     * @param topic the topic to read
     * @param bootstrapServers the brokers
     * @param overrides consumer properties that replace the defaults ({@code --consumer-property})
     * @param idleTimeout how long to wait without progress before giving up
     */
    public TopicInput(
            String topic,
            String bootstrapServers,
            Map<String, String> overrides,
            Duration idleTimeout) {
        this.topic = topic;
        this.idleTimeout = idleTimeout;
        this.config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "txgen-score");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.putAll(overrides);
        config.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        config.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
    }

    @Override
    public String description() {
        return "topic " + topic;
    }

    @Override
    public void forEach(Consumer<SourceRecord> handler) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, idleTimeout);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp, idleTimeout) < end.get(tp)) {
                    remaining.put(tp, end.get(tp));
                }
            }
            consumer.pause(partitions);
            consumer.resume(remaining.keySet());
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = remaining.get(tp);
                    if (stop != null && r.offset() < stop) {
                        progress = true;
                        handler.accept(
                                new SourceRecord(
                                        r.value(),
                                        r.partition(),
                                        r.offset(),
                                        r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                                                ? -1
                                                : r.timestamp(),
                                        r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                                                ? null
                                                : r.timestampType().toString()));
                    }
                }
                for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                    // Positions also move over transaction markers and aborted records.
                    if (consumer.position(tp) >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                        progress = true;
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
                    throw new ScoreException(
                            "cannot read "
                                    + description()
                                    + " to its end: no progress for "
                                    + idleTimeout.toSeconds()
                                    + " s; partitions left (end offsets): "
                                    + remaining);
                }
            }
        } catch (KafkaException e) {
            throw new ScoreException(
                    "cannot read "
                            + description()
                            + " from "
                            + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, idleTimeout);
        if (infos == null || infos.isEmpty()) {
            throw new ScoreException(
                    "cannot read "
                            + description()
                            + ": no such topic on "
                            + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
    }
}
