package io.fraudstream.sink.store;

/** The delivery state of one notification (one alert on one channel). */
public enum NotificationState {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The channel accepted it; it is never sent again. */
    DELIVERED,
    /** Given up on: attempts exhausted or a permanent error; the last error says why. */
    FAILED,
    /** Not sent because the account exceeded its notification rate limit. */
    SUPPRESSED
}
