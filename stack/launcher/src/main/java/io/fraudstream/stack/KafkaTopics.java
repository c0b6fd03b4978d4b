package io.fraudstream.stack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The topic chores of the bench and the chaos suite: exists, end offsets, recreate empty. */
final class KafkaTopics {

    private static final String COMPONENT = "kafka";

    private KafkaTopics() {}

    static boolean exists(Admin admin, String topic) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(COMPONENT, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException(COMPONENT, "cannot list topics: " + e.getMessage());
        }
    }

    static long endOffsets(Admin admin, String topic) {
        try {
            var description =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description
                    .partitions()
                    .forEach(
                            p ->
                                    request.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw new StackException(
                    COMPONENT, "cannot read offsets of " + topic + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new StackException(COMPONENT, "reading offsets of " + topic + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(COMPONENT, "interrupted");
        }
    }

    static void recreate(Admin admin, String topic, int partitions, Map<String, String> config) {
        try {
            try {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin.createTopics(
                                    List.of(
                                            new NewTopic(topic, partitions, (short) 1)
                                                    .configs(config)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // Deletion completes asynchronously; the name is free a moment later.
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException(COMPONENT, "cannot recreate topic " + topic + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(COMPONENT, "interrupted");
        }
    }

    /**
     * Calls {@code each} for every record of {@code topic}, from its beginning to the end offsets
     * (under {@code read_committed}, the last stable offsets) found when it starts.
     */
    static void readAll(
            String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                5000,
                                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                                8 * 1024 * 1024,
                                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                                2 * 1024 * 1024),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end is the last stable offset: nothing open stays unread.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new StackException("kafka", "reading " + topic + " took over 5 min");
                }
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record);
                }
            }
        }
    }
}
