package io.fraudstream.sink.store;

/**
 * The outcome of one delivery attempt, to record.
 *
 * @param alertId the alert
 * @param channel the channel
 * @param state the new state: delivered, failed, or still pending
 * @param attempts attempts made, this one included
 * @param lastError why it failed, or {@code null}
 * @param nextAttemptMs when to try again (epoch ms), for a pending one
 */
public record DeliveryUpdate(
        String alertId,
        String channel,
        NotificationState state,
        int attempts,
        String lastError,
        long nextAttemptMs) {}
