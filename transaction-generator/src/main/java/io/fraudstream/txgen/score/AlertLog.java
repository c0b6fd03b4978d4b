package io.fraudstream.txgen.score;

import io.fraudstream.events.Alert;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerts read, deduplicated by {@code alertId}: the sink is at-least-once and its alert ids are
 * deterministic, so two records with one id are one alert delivered twice. The first copy's content
 * is kept, with the earliest record timestamp of all copies (when the alert was first available
 * downstream).
 */
public final class AlertLog {

    private final String source;
    private final Map<String, ScoredAlert> byId = new LinkedHashMap<>();
    private final Map<String, Long> timestampTypes = new TreeMap<>();
    private long records;
    private long skippedBad;

    /**
     * @param source where the alerts come from, for the report
     */
    public AlertLog(String source) {
        this.source = source;
    }

    /**
     * Adds one alert record.
     *
     * @param recordTimestamp its Kafka record timestamp, or null when read from a file
     * @param timestampType the Kafka timestamp type ({@code CreateTime}, {@code LogAppendTime}), or
     *     null when read from a file
     */
    public void add(Alert alert, Instant recordTimestamp, String timestampType) {
        add(ScoredAlert.of(alert, recordTimestamp), timestampType);
    }

    /** Adds one alert as the scorer sees it; its record timestamp may be null. */
    public void add(ScoredAlert alert, String timestampType) {
        records++;
        if (timestampType != null) {
            countTimestampType(timestampType, 1L);
        }
        ScoredAlert first = byId.get(alert.alertId());
        Instant recordTimestamp = alert.recordTimestamp();
        if (first == null) {
            byId.put(alert.alertId(), alert);
        } else if (recordTimestamp != null
                && (first.recordTimestamp() == null
                        || recordTimestamp.isBefore(first.recordTimestamp()))) {
            byId.put(alert.alertId(), first.withRecordTimestamp(recordTimestamp));
        }
    }

    void countTimestampType(String type, long records) {
        timestampTypes.merge(type, records, Long::sum);
    }

    /** Counts a malformed record that was skipped. */
    public void skippedBad() {
        skippedBad++;
    }

    public String source() {
        return source;
    }

    /** Malformed records skipped. */
    public long skippedBadCount() {
        return skippedBad;
    }

    /** Alert records read, duplicates included. */
    public long records() {
        return records;
    }

    /** Distinct alerts, in the order first read. */
    public Collection<ScoredAlert> alerts() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** Records that repeated an alert id already read. */
    public long duplicates() {
        return records - byId.size();
    }

    /** How many records carried each Kafka timestamp type (empty for a file). */
    public Map<String, Long> timestampTypes() {
        return Collections.unmodifiableMap(timestampTypes);
    }

    /** The triggering transactions of the alerts. */
    public Set<String> transactionIds() {
        Set<String> ids = new HashSet<>();
        byId.values().forEach(a -> ids.add(a.transactionId()));
        return ids;
    }
}
