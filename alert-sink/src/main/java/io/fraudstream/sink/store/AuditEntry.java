package io.fraudstream.sink.store;

import java.time.Instant;

/**
 * One row of the audit log: who (key name and role) did what to which alert, case or key, when.
 *
 * @param targetType {@code alert}, {@code case} or {@code key}
 * @param detail what was decided ({@code FRAUD}, the analyst named in the request), or {@code null}
 */
public record AuditEntry(
        Instant at,
        String actor,
        Role actorRole,
        String action,
        String targetType,
        String targetId,
        String detail) {}
