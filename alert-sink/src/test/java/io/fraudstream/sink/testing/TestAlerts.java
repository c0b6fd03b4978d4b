package io.fraudstream.sink.testing;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Named instants and small factories, so a test reads like the scenario it checks. */
public final class TestAlerts {

    /** Detection time of the alerts built here unless a test says otherwise. */
    public static final Instant T0 = Instant.parse("2026-11-26T17:30:00Z");

    /** Who does the review steps in store tests, as the audit log records it. */
    public static final Actor REVIEWER = new Actor("test-reviewer", Role.REVIEW);

    private TestAlerts() {}

    /** A BLOCK/HIGH velocity alert. */
    public static Alert alert(String alertId, String accountId) {
        return alert(alertId, accountId, Alert.Action.BLOCK, Alert.Severity.HIGH, T0, "velocity");
    }

    /**
     * An alert with one reason per detector, detected at {@code detectedAt}, at terminal {@code
     * term-<account>} of merchant {@code m-<account>}.
     */
    public static Alert alert(
            String alertId,
            String accountId,
            Alert.Action action,
            Alert.Severity severity,
            Instant detectedAt,
            String... detectors) {
        List<Alert.Reason> reasons = new ArrayList<>();
        for (String detector : detectors) {
            reasons.add(new Alert.Reason(detector, detector + " fired for " + accountId, 7, 5));
        }
        return new Alert(
                alertId,
                accountId,
                "tx-" + alertId,
                List.of("tx-" + alertId + "-a", "tx-" + alertId + "-b"),
                detectedAt.minusSeconds(2),
                detectedAt,
                0.91,
                severity,
                action,
                reasons,
                "rules-v1",
                false,
                "term-" + accountId,
                "m-" + accountId);
    }

    /** The alert as a Kafka record keyed by account, as the job writes it. */
    public static ProducerRecord<byte[], byte[]> record(String topic, Alert alert) {
        return new ProducerRecord<>(
                topic,
                alert.accountId().getBytes(StandardCharsets.UTF_8),
                AlertCodec.INSTANCE.encode(alert));
    }

    /** A record that is not an alert: the given bytes under a key. */
    public static ProducerRecord<byte[], byte[]> raw(String topic, String key, String value) {
        return new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
