package io.fraudstream.sink.store;

import java.util.Set;

/**
 * Filters and a page of the case list; an empty set or a {@code null} value does not filter.
 * Results are the queue order: escalated first, then the riskiest, then the latest.
 *
 * @param statuses states to include
 * @param accountId only this account
 * @param analystQueue only cases the analysts' queue shows now (not waiting for the cardholder)
 * @param limit page size, at least 1
 * @param offset cases to skip, at least 0
 */
public record CaseQuery(
        Set<CaseStatus> statuses, String accountId, boolean analystQueue, int limit, int offset) {

    public CaseQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** The first {@code limit} cases, unfiltered. */
    public static CaseQuery all(int limit) {
        return new CaseQuery(Set.of(), null, false, limit, 0);
    }
}
