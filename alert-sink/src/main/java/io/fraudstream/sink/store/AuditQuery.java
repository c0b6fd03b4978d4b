package io.fraudstream.sink.store;

/**
 * Filters and a page of the audit log, newest first; a {@code null} value does not filter.
 *
 * @param actor only what this key did
 * @param targetId only what was done to this alert, case or key
 * @param limit page size, at least 1
 * @param offset entries to skip, at least 0
 */
public record AuditQuery(String actor, String targetId, int limit, int offset) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** The newest {@code limit} entries, unfiltered. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, limit, 0);
    }
}
