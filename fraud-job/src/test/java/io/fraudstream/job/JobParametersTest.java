package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Flink web UI and REST API show of the job's options. */
class JobParametersTest {

    @Test
    void theUserConfigurationHidesKafkaSecretsAndShowsEverythingElse() {
        Map<String, String> shown =
                FraudDetectionJob.shown(
                        Map.of(
                                "kafka.properties.sasl.jaas.config",
                                "ScramLoginModule required username=\"job\" password=\"s3cr3t\";",
                                "kafka.properties.ssl.truststore.password",
                                "trust-pw",
                                "kafka.properties.ssl.keystore.password",
                                "key-pw",
                                "kafka.properties.security.protocol",
                                "SASL_SSL",
                                "kafka.bootstrap-servers",
                                "broker-1:9093"));

        assertThat(shown)
                .containsEntry("kafka.properties.security.protocol", "SASL_SSL")
                .containsEntry("kafka.bootstrap-servers", "broker-1:9093")
                .containsKeys(
                        "kafka.properties.sasl.jaas.config",
                        "kafka.properties.ssl.truststore.password",
                        "kafka.properties.ssl.keystore.password");
        assertThat(shown.values()).noneMatch(v -> v.contains("s3cr3t") || v.endsWith("-pw"));
    }
}
