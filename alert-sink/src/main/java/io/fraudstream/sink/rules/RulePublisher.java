package io.fraudstream.sink.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * An admin's rule changes through the API: a rule's JSON published to the job's compacted rules
 * topic under its id, or a tombstone that deletes it, each audited once the broker has it. The job
 * is the one that validates a rule: what it made of each change (ACCEPTED, or REJECTED with the
 * reason) appears on the rules-status topic, and so in {@code GET /api/rules}.
 */
public final class RulePublisher {

    /** Thrown when the broker did not take the record in time: nothing was published. */
    public static final class NotPublished extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration timeout;

    public RulePublisher(
            Producer<byte[], byte[]> producer,
            String topic,
            AuditLog audit,
            Clock clock,
            Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.audit = audit;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Publishes {@code rule} (a JSON object whose {@code id} is {@code id}) and audits it. */
    public void publish(Actor by, String id, JsonNode rule) {
        send(id, rule.toString().getBytes(StandardCharsets.UTF_8));
        audit.record(
                by,
                "rule.publish",
                AuditLog.RULE,
                id,
                "version="
                        + rule.path("version").asText("?")
                        + " mode="
                        + rule.path("mode").asText("ACTIVE"),
                clock.millis());
    }

    /** Publishes the tombstone that deletes rule {@code id}, and audits it. */
    public void delete(Actor by, String id) {
        send(id, null);
        audit.record(by, "rule.delete", AuditLog.RULE, id, null, clock.millis());
    }

    public String topic() {
        return topic;
    }

    private void send(String id, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new NotPublished(
                    "the rules topic " + topic + " did not take the change: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("interrupted while publishing to " + topic, e);
        }
    }
}
