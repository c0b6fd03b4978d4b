package io.fraudstream.sink.store;

/**
 * A notification to create for a newly stored alert: {@link NotificationState#PENDING}, or {@link
 * NotificationState#SUPPRESSED} with the reason.
 */
public record PlannedNotification(String channel, NotificationState state, String note) {}
