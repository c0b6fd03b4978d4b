package io.fraudstream.sink.store;

/**
 * A notification to create for a newly stored alert: {@link NotificationState#PENDING}, or {@link
 * NotificationState#SUPPRESSED} with the reason.
 *
 * @param channel the channel
 * @param state pending or suppressed
 * @param note why it is suppressed, or {@code null}
 * @param payload what to send, or {@code null} to send the alert JSON
 * @param token the single-use response token the payload's link carries, or {@code null}
 */
public record PlannedNotification(
        String channel, NotificationState state, String note, String payload, ResponseToken token) {

    /** A notification that sends the alert JSON. */
    public PlannedNotification(String channel, NotificationState state, String note) {
        this(channel, state, note, null, null);
    }
}
