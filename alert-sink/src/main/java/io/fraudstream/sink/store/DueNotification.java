package io.fraudstream.sink.store;

/**
 * A pending notification whose next attempt is due, with what to send.
 *
 * @param alertId the alert
 * @param accountId the alert's account
 * @param channel the channel
 * @param attempts attempts made so far
 * @param body the bytes to send: the notification's own payload if it has one (a verdict), else the
 *     alert JSON
 */
public record DueNotification(
        String alertId, String accountId, String channel, int attempts, byte[] body) {}
