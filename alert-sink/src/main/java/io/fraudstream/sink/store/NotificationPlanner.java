package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import java.util.List;

/**
 * Decides, inside the transaction that stores a new alert, which notifications it gets. Called once
 * per alert that was not stored before, never for a duplicate.
 */
@FunctionalInterface
public interface NotificationPlanner {

    /** Plans no notifications at all. */
    NotificationPlanner NONE = alert -> List.of();

    List<PlannedNotification> plan(Alert alert);
}
