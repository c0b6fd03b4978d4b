package io.fraudstream.txgen.sink;

import io.fraudstream.txgen.cli.CommandFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer configuration txgen sends with, and the check that its topics exist. */
public final class KafkaClients {

    private KafkaClients() {}

    /**
     * Producer settings tuned for throughput with no loss or reordering: large lz4-compressed
     * batches and a short linger, idempotent with {@code acks=all}. {@code overrides} (such as SASL
     * or TLS settings) win over every default except the serializers.
     */
    public static Map<String, Object> producerConfig(
            String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "txgen");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.putAll(overrides);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /**
     * Makes sure the topics exist, creating missing ones when asked to.
     *
     * @throws CommandFailure when the brokers do not answer, a topic is missing and may not be
     *     created, or creating it fails
     */
    static void ensureTopics(
            String bootstrapServers,
            Map<String, String> clientProperties,
            List<String> topics,
            boolean create,
            int partitions,
            Duration timeout) {
        Map<String, Object> config = adminConfig(bootstrapServers, clientProperties, timeout);
        Set<String> unique = new LinkedHashSet<>(topics);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new CommandFailure(
                    "cannot use Kafka at "
                            + bootstrapServers
                            + ": "
                            + messages(e)
                            + "; check --bootstrap-servers and the --producer-property values",
                    e);
        }
        try {
            List<String> missing = new ArrayList<>();
            var described = admin.describeTopics(unique).topicNameValues();
            for (String topic : unique) {
                try {
                    described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        missing.add(topic);
                    } else {
                        throw unreachable(bootstrapServers, timeout, e.getCause());
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (!create) {
                throw new CommandFailure(
                        (missing.size() == 1
                                        ? "topic " + missing.get(0) + " does not exist"
                                        : "topics " + String.join(", ", missing) + " do not exist")
                                + " at "
                                + bootstrapServers
                                + "; create "
                                + (missing.size() == 1 ? "it" : "them")
                                + " or pass --create-topic");
            }
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : missing) {
                newTopics.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
            }
            try {
                admin.createTopics(newTopics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailure(
                            "cannot create topic(s) "
                                    + String.join(", ", missing)
                                    + " at "
                                    + bootstrapServers
                                    + ": "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while checking the topics", e);
        } catch (KafkaException e) {
            throw new CommandFailure(
                    "cannot connect to Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        } finally {
            // Whatever is still pending has failed already: do not wait for it to time out.
            admin.close(Duration.ZERO);
        }
    }

    /**
     * The admin client's settings: of the client properties only what an admin client knows (the
     * security settings, not linger.ms and the like), and the config providers with their own
     * settings ({@code config.providers.file.class}, which no config name lists), without which a
     * {@code ${file:...}} secret would reach the broker unresolved.
     */
    static Map<String, Object> adminConfig(
            String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        Set<String> adminKeys = AdminClientConfig.configNames();
        clientProperties.forEach(
                (k, v) -> {
                    if (adminKeys.contains(k)
                            || k.startsWith(AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".")) {
                        config.put(k, v);
                    }
                });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "txgen-admin");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return config;
    }

    /** The messages of an exception and its causes: Kafka wraps the telling one. */
    static String messages(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && out.indexOf(c.getMessage()) < 0) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }

    private static CommandFailure unreachable(String servers, Duration timeout, Throwable cause) {
        String reason =
                cause instanceof org.apache.kafka.common.errors.TimeoutException
                                || cause instanceof TimeoutException
                        ? "no answer within " + timeout.toSeconds() + " s"
                        : cause.getMessage();
        return new CommandFailure(
                "cannot reach Kafka at "
                        + servers
                        + " ("
                        + reason
                        + "); is it running? bin/fraudstream stack up starts the local one,"
                        + " --bootstrap-servers picks another",
                cause);
    }
}
