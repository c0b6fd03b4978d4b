package io.fraudstream.txgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void theProducerIsTunedForThroughputWithoutLossOrReordering() {
        Map<String, Object> config = KafkaClients.producerConfig("b:9092", Map.of());

        assertThat(config)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    }

    @Test
    void producerPropertiesOverrideTheDefaultsButNotTheSerializers() {
        Map<String, Object> config =
                KafkaClients.producerConfig(
                        "b:9092",
                        Map.of(
                                "security.protocol", "SASL_SSL",
                                "linger.ms", "50",
                                "value.serializer", "com.example.Nope"));

        assertThat(config)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "50")
                .containsEntry(
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    @Test
    void failureMessagesIncludeTheCausesKafkaWraps() {
        KafkaException e =
                new KafkaException(
                        "Failed to create new KafkaAdminClient",
                        new IllegalArgumentException("Invalid url in bootstrap.servers: nonsense"));

        assertThat(KafkaClients.messages(e))
                .isEqualTo(
                        "Failed to create new KafkaAdminClient: Invalid url in bootstrap.servers:"
                                + " nonsense");
    }
}
