package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import java.time.Instant;
import java.util.Set;

/**
 * Filters and a page of the alert list; an empty set or a {@code null} value does not filter.
 * Results are ordered newest first (by detection time, then id).
 *
 * @param statuses review states to include
 * @param severities severities to include
 * @param actions actions to include
 * @param accountId only this account
 * @param detector only alerts with a reason from this detector
 * @param from detected at or after
 * @param to detected before
 * @param limit page size, at least 1
 * @param offset alerts to skip, at least 0
 */
public record AlertQuery(
        Set<AlertStatus> statuses,
        Set<Alert.Severity> severities,
        Set<Alert.Action> actions,
        String accountId,
        String detector,
        Instant from,
        Instant to,
        int limit,
        int offset) {

    public AlertQuery {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        actions = Set.copyOf(actions);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** The first {@code limit} alerts, unfiltered. */
    public static AlertQuery all(int limit) {
        return new AlertQuery(Set.of(), Set.of(), Set.of(), null, null, null, null, limit, 0);
    }
}
