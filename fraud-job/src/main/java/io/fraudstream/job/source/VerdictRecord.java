package io.fraudstream.job.source;

import io.fraudstream.events.Verdict;

/**
 * One record read from the verdicts topic: the decoded verdict, or the record as a dead letter. A
 * Flink POJO.
 */
public class VerdictRecord {

    /** The decoded verdict; null when the record was invalid. */
    public Verdict verdict;

    /** The record as a dead letter (with its reason, key and origin); null when valid. */
    public Ingested rejected;

    public VerdictRecord() {}

    public static VerdictRecord valid(Verdict verdict) {
        VerdictRecord record = new VerdictRecord();
        record.verdict = verdict;
        return record;
    }

    public static VerdictRecord invalid(Ingested rejected) {
        VerdictRecord record = new VerdictRecord();
        record.rejected = rejected;
        return record;
    }

    /** Event time of a valid verdict (its {@code decidedAt}); invalid ones never move it. */
    public long eventTime() {
        return verdict != null ? verdict.decidedAt().toEpochMilli() : Long.MIN_VALUE;
    }
}
