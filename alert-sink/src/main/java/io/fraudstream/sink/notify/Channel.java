package io.fraudstream.sink.notify;

import io.fraudstream.sink.store.DueNotification;

/**
 * Somewhere notifications go. Implementations are thread-safe: the dispatcher delivers several
 * notifications at once. They never throw; every failure is a {@link DeliveryResult}.
 */
public interface Channel {

    /** The channel's name in configuration and in the outbox. */
    String name();

    /** Makes one delivery attempt. */
    DeliveryResult deliver(DueNotification notification);
}
