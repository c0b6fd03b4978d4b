package io.fraudstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SASL_SSL test broker takes its SCRAM users over TLS and nobody else. */
class SaslSslKafkaClusterTest {

    @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.saslSsl();

    @Test
    void aScramUserOverTlsProducesAndReadsBack() {
        String topic = KAFKA.createTopic("secured", 2);

        KAFKA.produce(topic, "acct-1", "tx-1".getBytes(StandardCharsets.UTF_8));

        assertThat(KAFKA.readAll(topic, true))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("tx-1");
        assertThat(KAFKA.clientSecurity())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", KafkaClusterExtension.SCRAM_MECHANISM);
    }

    @Test
    void aClientWithTheWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(KAFKA.withoutLogin());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        config.put(SaslConfigs.SASL_MECHANISM, KafkaClusterExtension.SCRAM_MECHANISM);
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + KafkaClusterExtension.CLIENT_USER
                        + "\" password=\"not-the-password\";");
        try (Admin intruder = Admin.create(config)) {
            assertThatThrownBy(() -> intruder.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
