package io.fraudstream.sink.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Committed offsets of a consumer group and end offsets of a topic, read with the admin client. */
public final class GroupOffsets {

    private GroupOffsets() {}

    /** The group's committed offset per partition of the topic (absent: none committed). */
    public static Map<Integer, Long> committed(Admin admin, String group, String topic)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach(
                (tp, om) -> {
                    if (tp.topic().equals(topic) && om != null) {
                        out.put(tp.partition(), om.offset());
                    }
                });
        return out;
    }

    /** The end offset of every partition of the topic. */
    public static Map<Integer, Long> end(Admin admin, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> out = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }
}
