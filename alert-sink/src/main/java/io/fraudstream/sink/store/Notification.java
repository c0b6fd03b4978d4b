package io.fraudstream.sink.store;

import java.time.Instant;

/**
 * The stored delivery state of one alert on one channel.
 *
 * @param alertId the alert
 * @param channel the channel
 * @param state the delivery state
 * @param attempts attempts made so far
 * @param lastError why the last attempt failed (or why it was suppressed), or {@code null}
 * @param nextAttemptAt when a pending notification is tried next
 * @param updatedAt when the state last changed
 * @param deliveredAt when it was delivered, or {@code null}
 */
public record Notification(
        String alertId,
        String channel,
        NotificationState state,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant updatedAt,
        Instant deliveredAt) {}
