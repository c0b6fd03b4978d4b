package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import java.nio.charset.StandardCharsets;

/**
 * A decoded alert and the Kafka record it came from.
 *
 * @param alert the alert
 * @param json the alert as received: valid UTF-8 JSON that decodes to {@code alert}, stored and
 *     sent to webhooks as is (so fields this version does not know are kept)
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the source offset
 */
public record IncomingAlert(Alert alert, String json, String topic, int partition, long offset) {

    /** The alert in its canonical encoding, for alerts that did not come as JSON. */
    public static IncomingAlert of(Alert alert, String topic, int partition, long offset) {
        return new IncomingAlert(
                alert,
                new String(AlertCodec.INSTANCE.encode(alert), StandardCharsets.UTF_8),
                topic,
                partition,
                offset);
    }
}
