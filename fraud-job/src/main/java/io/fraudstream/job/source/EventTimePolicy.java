package io.fraudstream.job.source;

import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobOptions;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.util.TimeUtils;

/**
 * Which event times the job accepts: at most {@code event-time.max-ahead} ahead of the wall clock
 * when the record is read, at most {@code event-time.max-age} behind it. A transaction outside that
 * range is a dead letter: evaluated, it would move the watermark to its time (one record in year
 * 9999 makes every later transaction late and expires every account's state) or create state that
 * expires at once. The wall clock is the job's, not the record's Kafka timestamp, which the
 * producer chooses.
 */
public final class EventTimePolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long maxAheadMs;
    private final long maxAgeMs;
    private final String maxAheadText;
    private final String maxAgeText;

    public EventTimePolicy(Duration maxAhead, Duration maxAge) {
        this.maxAheadMs = maxAhead.toMillis();
        this.maxAgeMs = maxAge.toMillis();
        this.maxAheadText = TimeUtils.formatWithHighestUnit(maxAhead);
        this.maxAgeText = TimeUtils.formatWithHighestUnit(maxAge);
    }

    public static EventTimePolicy of(FraudJobConfig config) {
        return new EventTimePolicy(config.eventTime().maxAhead(), config.eventTime().maxAge());
    }

    /**
     * Why {@code timestamp} is implausible at wall-clock time {@code nowMs}, or {@code null} when
     * it is accepted. The message is a dead letter's reason: the time, the bound and the option.
     */
    public String violation(Instant timestamp, long nowMs) {
        return violation("timestamp", timestamp, nowMs);
    }

    /** As {@link #violation(Instant, long)}, for a time in the field {@code field}. */
    public String violation(String field, Instant timestamp, long nowMs) {
        long time = timestamp.toEpochMilli();
        // Compared as differences: the contract allows years 0000 to 9999, whose epoch
        // milliseconds are far from overflowing a long.
        if (time - nowMs > maxAheadMs) {
            return field
                    + ": "
                    + timestamp
                    + " is more than "
                    + maxAheadText
                    + " ahead of the wall clock when it was read ("
                    + Instant.ofEpochMilli(nowMs)
                    + "); see "
                    + JobOptions.EVENT_TIME_MAX_AHEAD;
        }
        if (nowMs - time > maxAgeMs) {
            return field
                    + ": "
                    + timestamp
                    + " is more than "
                    + maxAgeText
                    + " before the wall clock when it was read ("
                    + Instant.ofEpochMilli(nowMs)
                    + "); see "
                    + JobOptions.EVENT_TIME_MAX_AGE;
        }
        return null;
    }
}
