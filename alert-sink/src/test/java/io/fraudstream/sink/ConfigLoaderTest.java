package io.fraudstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.events.Alert;
import io.fraudstream.events.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, overriding and validating the configuration; every error names its key. */
class ConfigLoaderTest {

    private static final String TOKEN = "file-token-0123456789";
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("alert-sink.yaml");
        Files.writeString(file, text);
        return file;
    }

    private SinkConfig load(String text, Map<String, String> overrides, Map<String, String> env)
            throws IOException {
        return ConfigLoader.load(yaml(text), overrides, env, dir, false);
    }

    @Test
    void theShippedFileLoadsAndMatchesTheBuiltInDefaults() {
        Path shipped = Path.of(System.getProperty("user.dir")).resolve("../conf/alert-sink.yaml");
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);

        SinkConfig fromFile = ConfigLoader.load(shipped, Map.of(), env, dir, false);
        SinkConfig builtIn = ConfigLoader.load(null, Map.of(), env, dir, false);

        assertThat(fromFile).isEqualTo(builtIn);
        assertThat(fromFile.http().port()).isEqualTo(8080);
        assertThat(fromFile.kafka().alertsTopic()).isEqualTo("fraud-alerts");
        assertThat(fromFile.store().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("var/alerts.db"));
        assertThat(fromFile.notifications().webhook()).isNull();
        assertThat(fromFile.notifications().routes()).hasSize(3);
        assertThat(fromFile.notifications().customer()).isNull();
        assertThat(fromFile.cases().window()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theCustomerChannelTakesItsGatewayAndSecretsAndFailsNamingAMissingSecret()
            throws IOException {
        SinkConfig config =
                load(
                        "http:\n  token: "
                                + TOKEN
                                + "\nnotifications:\n  customer:\n    token-ttl: 2 h\n"
                                + "    answer-timeout: 5 min\n"
                                + "    respond-base-url: https://alerts.bank.example\n",
                        Map.of(ConfigLoader.CUSTOMER_URL, "https://sms.example/send"),
                        Map.of(
                                ConfigLoader.ENV_CUSTOMER_SECRET, "gateway-secret-0123456789",
                                ConfigLoader.ENV_RESPONSE_TOKEN_SECRET,
                                        "token-secret-0123456789abc"));
        SinkConfig.Customer customer = config.notifications().customer();

        assertThat(customer.gateway().url()).hasToString("https://sms.example/send");
        assertThat(customer.gateway().secret()).isEqualTo("gateway-secret-0123456789");
        assertThat(customer.tokenSecret()).isEqualTo("token-secret-0123456789abc");
        assertThat(customer.tokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(customer.answerTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(customer.respondBaseUrl()).hasToString("https://alerts.bank.example");
        assertThat(customer.toString()).doesNotContain("secret-0123");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: " + TOKEN + "\n",
                                        Map.of(ConfigLoader.CUSTOMER_URL, "https://sms.example/s"),
                                        Map.of()))
                .hasMessageStartingWith("notifications.customer.secret: required");
        // no token secret configured: one is generated for the run
        SinkConfig generated =
                load(
                        "http:\n  token: " + TOKEN + "\n",
                        Map.of(ConfigLoader.CUSTOMER_URL, "https://sms.example/s"),
                        Map.of(ConfigLoader.ENV_CUSTOMER_SECRET, "gateway-secret-0123456789"));
        assertThat(generated.notifications().customer().tokenSecret()).hasSizeGreaterThan(30);
        assertThat(generated.notifications().customer().respondBaseUrl()).isNull();
    }

    @Test
    void commandLineOverridesWinOverTheFile() throws IOException {
        SinkConfig config =
                load(
                        "http:\n  port: 9000\n  token: "
                                + TOKEN
                                + "\nkafka:\n  bootstrap-servers: a:1\n",
                        Map.of(
                                ConfigLoader.HTTP_PORT, "9100",
                                ConfigLoader.KAFKA_BOOTSTRAP_SERVERS, "b:2",
                                ConfigLoader.STORE_URL, "jdbc:postgresql://db/alerts"),
                        NO_ENV);

        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("b:2");
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db/alerts");
    }

    @Test
    void theEnvironmentTokenWinsOverTheFileAndNoTokenLeavesOnlyTheNamedKeys() throws IOException {
        String envToken = "env-token-0123456789abc";

        SinkConfig fromEnv =
                load(
                        "http:\n  token: " + TOKEN + "\n",
                        Map.of(),
                        Map.of(ConfigLoader.ENV_API_TOKEN, envToken));
        SinkConfig fromFile = load("http:\n  token: " + TOKEN + "\n", Map.of(), NO_ENV);
        SinkConfig none = load("http:\n  port: 8080\n", Map.of(), NO_ENV);

        assertThat(fromEnv.http().token()).isEqualTo(envToken);
        assertThat(fromFile.http().token()).isEqualTo(TOKEN);
        // the service then starts only if the database holds a key (AlertSinkMainTest)
        assertThat(none.http().token()).isNull();
        assertThat(none.http().tokenGenerated()).isFalse();
    }

    @Test
    void generatesARandomTokenOnlyWhenAskedTo() {
        SinkConfig first = ConfigLoader.load(null, Map.of(), NO_ENV, dir, true);
        SinkConfig second = ConfigLoader.load(null, Map.of(), NO_ENV, dir, true);

        assertThat(first.http().tokenGenerated()).isTrue();
        assertThat(first.http().token())
                .hasSizeGreaterThanOrEqualTo(40)
                .isNotEqualTo(second.http().token());
        assertThat(first.http().toString()).doesNotContain(first.http().token());
    }

    @Test
    void rejectsAShortTokenNamingWhereItCameFrom() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        null,
                                        Map.of(),
                                        Map.of(ConfigLoader.ENV_API_TOKEN, "short"),
                                        dir,
                                        false))
                .hasMessage("FRAUDSTREAM_API_TOKEN: must be at least 16 characters, was 5");
    }

    @Test
    void namesTheKeyOfEveryInvalidSetting() {
        assertThatThrownBy(
                        () -> load("http:\n  token: " + TOKEN + "\n  prot: 1\n", Map.of(), NO_ENV))
                .hasMessage("http.prot: unknown key (known: host, port, token)");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: " + TOKEN + "\n  port: 70000\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessage("http.port: must be in [0, 65535], was 70000");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: " + TOKEN + "\n",
                                        Map.of(ConfigLoader.HTTP_PORT, "eighty"),
                                        NO_ENV))
                .hasMessage("http.port: must be a whole number, was \"eighty\"");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: "
                                                + TOKEN
                                                + "\nnotifications:\n  retry:\n    initial-backoff: soon\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessageStartingWith(
                        "notifications.retry.initial-backoff: not a duration: \"soon\" (like 250 ms");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: " + TOKEN + "\nstore:\n  url: alerts.db\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessage("store.url: must be a JDBC URL (jdbc:...)");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: "
                                                + TOKEN
                                                + "\nnotifications:\n  routes:\n    - action: HOLD\n      channels: [log]\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessage(
                        "notifications.routes[0].action: must be one of [FLAG, BLOCK], was \"HOLD\"");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: "
                                                + TOKEN
                                                + "\nnotifications:\n  routes:\n    - action: FLAG\n      channels: [sms]\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessageStartingWith(
                        "notifications.routes[0].channels: must name channels out of");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: "
                                                + TOKEN
                                                + "\nnotifications:\n  webhook:\n    url: http://hooks.example/x\n",
                                        Map.of(),
                                        NO_ENV))
                .hasMessageStartingWith(
                        "notifications.webhook.secret: required when notifications.webhook.url is set");
    }

    /** The findings: sections of the wrong shape were silently ignored. */
    @Test
    void aSectionOfTheWrongShapeIsRejectedNamingTheKeyAndWhatBelongsThere() {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        assertThatThrownBy(
                        () ->
                                load(
                                        "notifications:\n  webhook: https://hooks.example/x\n",
                                        Map.of(),
                                        env))
                .hasMessage(
                        "notifications.webhook: must be a mapping of url, secret, connect-timeout,"
                                + " request-timeout, was the text \"https://hooks.example/x\"");
        assertThatThrownBy(() -> load("http: 8089\n", Map.of(), env))
                .hasMessage("http: must be a mapping of host, port, token, was the number 8089");
        assertThatThrownBy(() -> load("http: [1, 2]\n", Map.of(), env))
                .hasMessage("http: must be a mapping of host, port, token, was a list [1,2]");
        assertThatThrownBy(() -> load("store: jdbc:sqlite:x.db\n", Map.of(), env))
                .hasMessage(
                        "store: must be a mapping of url, pool-size, was the text"
                                + " \"jdbc:sqlite:x.db\"");
        assertThatThrownBy(() -> load("notifications:\n  retry: 3\n", Map.of(), env))
                .hasMessageStartingWith(
                        "notifications.retry: must be a mapping of max-attempts, initial-backoff,");
    }

    @Test
    void aListOrMappingWhereASingleValueBelongsIsRejected() {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        assertThatThrownBy(() -> load("http:\n  port: [8080, 8081]\n", Map.of(), env))
                .hasMessage("http.port: must be a single value, was a list [8080,8081]");
        assertThatThrownBy(
                        () -> load("notifications:\n  poll-interval: {every: 1s}\n", Map.of(), env))
                .hasMessage(
                        "notifications.poll-interval: must be a single value, was a mapping"
                                + " {\"every\":\"1s\"}");
        assertThatThrownBy(
                        () -> load("notifications:\n  retry:\n    jitter: [0.5]\n", Map.of(), env))
                .hasMessage("notifications.retry.jitter: must be a single value, was a list [0.5]");
    }

    @Test
    void healthTimeoutsHaveDefaultsAndBounds() throws IOException {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        SinkConfig config = load("health:\n  broker-timeout: 5 s\n", Map.of(), env);

        assertThat(config.health().brokerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.health().stallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> load("health:\n  stall-timeout: 10 ms\n", Map.of(), env))
                .hasMessageStartingWith(
                        "health.stall-timeout: must be between 1 s and 1 h, was 10 ms");
    }

    @Test
    void readsRoutesRetryAndWebhook() throws IOException {
        SinkConfig config =
                load(
                        String.join(
                                "\n",
                                "http:",
                                "  token: " + TOKEN,
                                "notifications:",
                                "  routes:",
                                "    - action: FLAG",
                                "      min-severity: critical",
                                "      channels: [webhook, log]",
                                "    - channels: [log]",
                                "  retry:",
                                "    max-attempts: 3",
                                "    initial-backoff: 250 ms",
                                "    max-backoff: 2 s",
                                "    jitter: 0.2",
                                "  webhook:",
                                "    url: https://hooks.example/fraud",
                                "    request-timeout: 3 s",
                                ""),
                        Map.of(),
                        Map.of(ConfigLoader.ENV_WEBHOOK_SECRET, "env-secret-0123456789"));

        List<SinkConfig.Route> routes = config.notifications().routes();
        assertThat(routes.get(0).actions()).containsExactly(Alert.Action.FLAG);
        assertThat(routes.get(0).minSeverity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(routes.get(1).actions()).containsExactlyInAnyOrder(Alert.Action.values());
        assertThat(config.notifications().retry())
                .isEqualTo(
                        new SinkConfig.Retry(
                                3, Duration.ofMillis(250), Duration.ofSeconds(2), 0.2));
        assertThat(config.notifications().webhook().secret()).isEqualTo("env-secret-0123456789");
        assertThat(config.notifications().webhook().requestTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(config.notifications().webhook().toString()).doesNotContain("env-secret");
    }

    @Test
    void kafkaClientPropertiesReachEveryClientOverItsDefaultsButNotOverItsGuarantees()
            throws IOException {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        SinkConfig config =
                load(
                        "kafka:\n  properties:\n"
                                + "    security.protocol: SASL_SSL\n"
                                + "    sasl.mechanism: SCRAM-SHA-512\n"
                                + "    sasl.jaas.config: 'ScramLoginModule required password=\"p-w\";'\n"
                                + "    ssl.truststore.location: /etc/kafka/ca.p12\n"
                                + "    client.id: analyst-sink\n"
                                + "    enable.auto.commit: true\n",
                        Map.of("kafka.properties.ssl.truststore.password", "t-pw"),
                        env);

        assertThat(config.kafka().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.password", "t-pw")
                .containsEntry("enable.auto.commit", "true");
        for (var client :
                List.of(
                        AlertSinkService.consumerProperties(config.kafka()),
                        AlertSinkService.producerProperties(config.kafka()))) {
            assertThat(client)
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                    .containsEntry("ssl.truststore.password", "t-pw")
                    .containsEntry("client.id", "analyst-sink")
                    .containsEntry("bootstrap.servers", "127.0.0.1:9092");
        }
        // Offsets are committed only after the database commit, whatever the file says.
        assertThat(AlertSinkService.consumerProperties(config.kafka()))
                .containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "fraudstream-alert-sink");
        assertThat(config.toString()).doesNotContain("p-w").doesNotContain("t-pw");
        assertThat(config.kafka().toString()).contains("sasl.jaas.config");
    }

    @Test
    void aKafkaClientPropertyThatIsNotASingleValueIsRefusedNamingItWithoutShowingIt() {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        assertThatThrownBy(
                        () ->
                                load(
                                        "kafka:\n  properties:\n    sasl:\n"
                                                + "      jaas.config: [secret-pw]\n",
                                        Map.of(),
                                        env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.properties.sasl.jaas.config: must be a single value")
                .hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> load("kafka:\n  properties: secret-pw\n", Map.of(), env))
                .hasMessageStartingWith("kafka.properties: must be a mapping")
                .hasMessageNotContaining("secret-pw");
    }

    @Test
    void anOldCamelCaseKeyIsRefusedNamingTheKebabCaseOnesAnywhereInTheFile() {
        Map<String, String> env = Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN);
        assertThatThrownBy(() -> load("kafka:\n  bootstrapServers: a:1\n", Map.of(), env))
                .hasMessage(
                        "kafka.bootstrapServers: keys are kebab-case (lower-case words joined by"
                                + " '-'), such as bootstrap-servers");
        assertThatThrownBy(
                        () ->
                                load(
                                        "notifications:\n  routes:\n    - action: FLAG\n"
                                                + "      minSeverity: HIGH\n      channels: [log]\n",
                                        Map.of(),
                                        env))
                .hasMessageStartingWith("notifications.routes[0].minSeverity: keys are kebab-case")
                .hasMessageEndingWith("such as min-severity");
        assertThatThrownBy(
                        () ->
                                load(
                                        "http:\n  token: " + TOKEN + "\n",
                                        Map.of("http.prot", "1"),
                                        env))
                .hasMessage("http.prot: unknown key (known: host, port, token)");
        assertThatThrownBy(
                        () ->
                                load(
                                        "store:\n  url: jdbc:postgresql://db/alerts?"
                                                + "reWriteBatchedInserts=true\n",
                                        Map.of(),
                                        env))
                .hasMessageStartingWith("store.url: reWriteBatchedInserts=true is not supported");
    }

    @Test
    void aDatabasePasswordFromTheEnvironmentOrInTheUrlIsNeverShown() throws IOException {
        SinkConfig config =
                load(
                        "store:\n  url: jdbc:postgresql://db:5432/alerts?user=sink\n",
                        Map.of(),
                        Map.of(
                                ConfigLoader.ENV_API_TOKEN,
                                TOKEN,
                                ConfigLoader.ENV_DB_PASSWORD,
                                "pg-pw"));
        assertThat(config.store().password()).isEqualTo("pg-pw");
        assertThat(config.store().url()).doesNotContain("pg-pw");
        assertThat(config.toString()).doesNotContain("pg-pw");

        SinkConfig inUrl =
                load(
                        "store:\n  url: jdbc:postgresql://sink:u-pw@db/alerts?password=p-pw&ssl=true\n",
                        Map.of(),
                        Map.of(ConfigLoader.ENV_API_TOKEN, TOKEN));
        assertThat(inUrl.store().displayUrl())
                .isEqualTo("jdbc:postgresql://sink:***@db/alerts?password=***&ssl=true");
        assertThat(inUrl.toString()).doesNotContain("u-pw").doesNotContain("p-pw");
    }

    @Test
    void anExplicitConfigFileMustExist() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        dir.resolve("missing.yaml"), Map.of(), NO_ENV, dir, true))
                .hasMessageStartingWith("config: no such file");
    }
}
