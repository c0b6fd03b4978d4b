package io.fraudstream.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka broker (KRaft, in-process) for the tests of one class, with helpers to
 * create a fresh topic per test and to produce and read records.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
 * }</pre>
 *
 * <p>{@link #saslSsl()} gives a broker that, like a production one, takes clients only over TLS
 * with SASL/SCRAM: its own helpers then authenticate, and {@link #clientSecurity()} holds the
 * settings a client needs.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    /** The SASL mechanism of the {@link #saslSsl()} broker. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** The SCRAM user clients of the {@link #saslSsl()} broker authenticate as. */
    public static final String CLIENT_USER = "fraudstream";

    private static final String BROKER_USER = "broker";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final boolean secured;
    private KafkaClusterTestKit cluster;
    private Admin admin;
    private Path securityDir;
    private TestCertificates certificates;
    private String clientPassword;
    private String brokerPassword;

    /** A broker with one PLAINTEXT listener. */
    public KafkaClusterExtension() {
        this(false);
    }

    private KafkaClusterExtension(boolean secured) {
        this.secured = secured;
    }

    /**
     * A broker whose client listener is {@code SASL_SSL} with {@value #SCRAM_MECHANISM}: a CA and a
     * broker certificate for localhost and 127.0.0.1 generated at start, and the SCRAM users
     * created before the first client connects. The controller listener stays PLAINTEXT; no client
     * uses it.
     */
    public static KafkaClusterExtension saslSsl() {
        return new KafkaClusterExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the broker; for test engines without Jupiter extensions (jqwik containers). */
    public void start() throws Exception {
        TestKitNodes built =
                nodes(new TestKitNodes.Builder())
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build();
        if (secured) {
            securityDir = Files.createTempDirectory("kafka-sasl-ssl");
            String storePassword = "stores-" + UUID.randomUUID();
            certificates = TestCertificates.generate(securityDir, storePassword);
            clientPassword = "client-" + UUID.randomUUID();
            brokerPassword = "broker-" + UUID.randomUUID();
            built =
                    nodes(new TestKitNodes.Builder(withScramUsers(built.bootstrapMetadata())))
                            .build();
        }
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(built);
        if (secured) {
            brokerSecurity(
                    builder,
                    built.brokerListenerName().value(),
                    built.controllerListenerName().value());
        }
        cluster =
                builder.setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "2")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "2")
                        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .setConfigProp("num.network.threads", "2")
                        .setConfigProp("num.io.threads", "2")
                        .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Map<String, Object> adminConfig = new HashMap<>(clientSecurity());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin = Admin.create(adminConfig);
        if (secured) {
            awaitAuthentication(admin);
        }
    }

    /**
     * The client listener's protocol, the broker's TLS key and its SCRAM settings. The test kit
     * itself sets up only PLAINTEXT and SASL_PLAINTEXT, but keeps a protocol map given to it. The
     * broker's own client side (transaction markers go through the inter-broker listener, even to
     * itself) logs in as its own user.
     */
    private void brokerSecurity(
            KafkaClusterTestKit.Builder builder, String listener, String controllerListener) {
        String prefix =
                "listener.name."
                        + listener.toLowerCase(Locale.ROOT)
                        + "."
                        + SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                        + ".";
        builder.setConfigProp(
                        "listener.security.protocol.map",
                        listener
                                + ":"
                                + SecurityProtocol.SASL_SSL.name
                                + ","
                                + controllerListener
                                + ":"
                                + SecurityProtocol.PLAINTEXT.name)
                .setConfigProp("sasl.enabled.mechanisms", SCRAM_MECHANISM)
                .setConfigProp("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM)
                .setConfigProp(prefix + "sasl.jaas.config", jaas(BROKER_USER, brokerPassword))
                .setConfigProp("ssl.keystore.type", "PKCS12")
                .setConfigProp("ssl.keystore.location", certificates.keyStore().toString())
                .setConfigProp("ssl.keystore.password", certificates.password())
                .setConfigProp("ssl.key.password", certificates.password())
                .setConfigProp("ssl.truststore.type", "PKCS12")
                .setConfigProp("ssl.truststore.location", certificates.trustStore().toString())
                .setConfigProp("ssl.truststore.password", certificates.password());
    }

    private static TestKitNodes.Builder nodes(TestKitNodes.Builder builder) {
        return builder.setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1);
    }

    /**
     * The cluster's first metadata with the SCRAM users in it, as {@code kafka-storage format
     * --add-scram} writes them: in KRaft credentials are metadata records, and neither the SASL
     * listener (nobody can log in yet) nor the controller's listener (it does not take this Admin
     * call) can create the first ones.
     */
    private BootstrapMetadata withScramUsers(BootstrapMetadata bootstrap)
            throws GeneralSecurityException {
        List<ApiMessageAndVersion> records = new ArrayList<>(bootstrap.records());
        ScramFormatter formatter =
                new ScramFormatter(
                        org.apache.kafka.common.security.scram.internals.ScramMechanism
                                .SCRAM_SHA_512);
        for (Map.Entry<String, String> user :
                Map.of(BROKER_USER, brokerPassword, CLIENT_USER, clientPassword).entrySet()) {
            ScramCredential credential = formatter.generateCredential(user.getValue(), 4096);
            records.add(
                    new ApiMessageAndVersion(
                            new UserScramCredentialRecord()
                                    .setName(user.getKey())
                                    .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                                    .setSalt(credential.salt())
                                    .setStoredKey(credential.storedKey())
                                    .setServerKey(credential.serverKey())
                                    .setIterations(credential.iterations()),
                            (short) 0));
        }
        return BootstrapMetadata.fromRecords(records, "fraudstream test users");
    }

    /**
     * Waits until the broker knows the new credentials: they reach it as metadata, a moment after
     * the controller committed them, and a login before that fails.
     */
    private static void awaitAuthentication(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "no SCRAM login succeeded within " + DEFAULT_TIMEOUT, e);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\";";
    }

    /**
     * What a client needs to reach this broker: for a {@link #saslSsl()} broker the protocol, the
     * mechanism, the login of {@value #CLIENT_USER} and the trust store; empty for a PLAINTEXT one.
     */
    public Map<String, String> clientSecurity() {
        if (!secured) {
            return Map.of();
        }
        Map<String, String> p = new LinkedHashMap<>(withoutLogin());
        p.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(CLIENT_USER, clientPassword));
        return p;
    }

    /** TLS that trusts the broker but no SASL login: what a client without credentials has. */
    public Map<String, String> withoutLogin() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.trustStore().toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificates.password());
        return p;
    }

    /** The password of {@value #CLIENT_USER}. */
    public String clientPassword() {
        return clientPassword;
    }

    /** The broker's key store and the clients' trust store. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** Stops the broker and its admin client. */
    public void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
        if (cluster != null) {
            cluster.close();
        }
        if (securityDir != null) {
            try (Stream<Path> files = Files.walk(securityDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    /** Creates a topic with a fresh random name starting with {@code prefix}. */
    public String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(name, partitions, Map.of());
        return name;
    }

    /** Creates a topic with exactly this name. */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** Properties for a byte-array producer that waits for the broker's acknowledgement. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.putAll(clientSecurity());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    /** Properties for a byte-array consumer (no group unless you add one). */
    public Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(clientSecurity());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /** Produces the records and waits until the broker acknowledged every one of them. */
    public void produce(Collection<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Produces one record with a UTF-8 key (may be null) and value. */
    public void produce(String topic, String key, byte[] value) {
        produce(
                List.of(
                        new ProducerRecord<>(
                                topic,
                                key == null
                                        ? null
                                        : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                value)));
    }

    /**
     * Reads every record of the topic from the beginning up to its end offsets at the time of the
     * call (committed records only when {@code readCommitted}).
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
        Properties p = consumerProperties();
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Polls the topic from the beginning until {@code done} holds for the records read so far, or
     * fails after {@code timeout}.
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeUntil(
            String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "gave up on "
                                    + topic
                                    + " after "
                                    + timeout
                                    + "; read "
                                    + out.size()
                                    + " records");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                batch.forEach(out::add);
            }
            return out;
        }
    }

    /** Consumes until at least {@code count} records were read. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return consumeUntil(topic, records -> records.size() >= count, timeout);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, DEFAULT_TIMEOUT)
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : end.keySet()) {
            positions.put(tp, consumer.position(tp));
        }
        return end.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue());
    }
}
