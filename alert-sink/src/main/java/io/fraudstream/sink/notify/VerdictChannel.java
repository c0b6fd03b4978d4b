package io.fraudstream.sink.notify;

import io.fraudstream.sink.store.DueNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes analyst verdicts, queued in the outbox by the verdict request, to the verdicts topic
 * keyed by account; the outbox gives them the same retries and crash safety as notifications.
 */
public final class VerdictChannel implements Channel {

    /** The outbox channel of verdicts; never a route target. */
    public static final String NAME = "verdicts";

    /**
     * The outbox channel of the cardholders' answers: its own rows, so an analyst's later verdict
     * on the same alert is published too.
     */
    public static final String CUSTOMER = "customer-verdicts";

    private final String name;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;

    /**
     * @param producer an idempotent producer, owned by the caller
     * @param topic the verdicts topic
     * @param timeout the longest wait for the broker's acknowledgement
     */
    public VerdictChannel(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this(NAME, producer, topic, timeout);
    }

    /** The same under another outbox channel name. */
    public VerdictChannel(
            String name, Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.name = name;
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(DueNotification notification) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        notification.accountId().getBytes(StandardCharsets.UTF_8),
                        notification.body());
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return DeliveryResult.delivered();
        } catch (ExecutionException e) {
            return DeliveryResult.retry("publish to " + topic + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            return DeliveryResult.retry("publish to " + topic + " timed out after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted by shutdown");
        } catch (RuntimeException e) {
            return DeliveryResult.retry("publish to " + topic + " failed: " + e);
        }
    }
}
