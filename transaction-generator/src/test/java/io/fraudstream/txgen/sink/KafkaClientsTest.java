package io.fraudstream.txgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void theAdminClientGetsTheSecuritySettingsAndConfigProvidersButNotTheProducerTuning() {
        Map<String, Object> config =
                KafkaClients.adminConfig(
                        "b:9092",
                        Map.of(
                                "security.protocol", "SASL_SSL",
                                "sasl.mechanism", "SCRAM-SHA-512",
                                "sasl.jaas.config",
                                        "ScramLoginModule required password=\"${file:/s:pw}\";",
                                "ssl.truststore.location", "/etc/kafka/ca.p12",
                                "config.providers", "file",
                                "config.providers.file.class",
                                        "org.apache.kafka.common.config.provider.FileConfigProvider",
                                "linger.ms", "50"),
                        Duration.ofSeconds(5));

        assertThat(config)
                .containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("config.providers", "file")
                .containsEntry(
                        "config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .containsEntry("default.api.timeout.ms", 5000)
                .doesNotContainKey("linger.ms");
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
