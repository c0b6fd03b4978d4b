package io.fraudstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaClusterExtensionTest {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void readsBackExactlyWhatWasProducedInPartitionOrder() {
        String topic = KAFKA.createTopic("roundtrip", 3);
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(
                    new ProducerRecord<>(
                            topic,
                            ("acct-" + (i % 7)).getBytes(StandardCharsets.UTF_8),
                            ("tx-" + i).getBytes(StandardCharsets.UTF_8)));
        }

        KAFKA.produce(sent);
        List<ConsumerRecord<byte[], byte[]>> read = KAFKA.readAll(topic, true);

        assertThat(read).hasSize(100);
        assertThat(read.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream()
                                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                                .toList());
        // One key always lands in one partition, in the order it was sent.
        List<String> acct3 =
                read.stream()
                        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("acct-3"))
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .toList();
        assertThat(acct3)
                .containsExactly(
                        "tx-3", "tx-10", "tx-17", "tx-24", "tx-31", "tx-38", "tx-45", "tx-52",
                        "tx-59", "tx-66", "tx-73", "tx-80", "tx-87", "tx-94");
    }

    @Test
    void givesEveryTestAFreshTopic() {
        String first = KAFKA.createTopic("fresh", 1);
        String second = KAFKA.createTopic("fresh", 1);
        KAFKA.produce(first, "k", "v".getBytes(StandardCharsets.UTF_8));

        assertThat(first).isNotEqualTo(second);
        assertThat(KAFKA.consume(first, 1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(KAFKA.readAll(second, false)).isEmpty();
    }
}
