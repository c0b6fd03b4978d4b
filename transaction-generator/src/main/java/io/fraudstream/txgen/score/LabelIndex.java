package io.fraudstream.txgen.score;

import io.fraudstream.events.GroundTruth;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth the scorer needs, kept small: labels of fraudulent transactions and of alerted
 * ones, in full; of every other (genuine, not alerted) transaction only a count and the range of
 * days. A generator run with {@code --labels-all} writes millions of genuine labels that the
 * metrics never look at again, so the alerts are read first and tell which labels to keep.
 *
 * <p>A transaction labelled more than once keeps its first label, unless a later one says fraud
 * where the kept one said genuine: a transaction any label calls fraud is fraud.
 */
public final class LabelIndex {

    private final String source;
    private final Set<String> alertedTransactionIds;
    private final Map<String, GroundTruth> kept = new HashMap<>();
    private final Map<String, String> scenarios = new HashMap<>();
    private long records;
    private long genuine;
    private long duplicates;
    private long skippedBad;
    private LocalDate firstDay;
    private LocalDate lastDay;

    /**
     * @param source where the labels come from, for the report
     * @param alertedTransactionIds the triggering transactions of the alerts to be scored
     */
    public LabelIndex(String source, Set<String> alertedTransactionIds) {
        this.source = source;
        this.alertedTransactionIds = Set.copyOf(alertedTransactionIds);
    }

    public void add(GroundTruth label) {
        records++;
        LocalDate day = LocalDate.ofInstant(label.timestamp(), ZoneOffset.UTC);
        if (firstDay == null || day.isBefore(firstDay)) {
            firstDay = day;
        }
        if (lastDay == null || day.isAfter(lastDay)) {
            lastDay = day;
        }
        if (!label.fraud()) {
            genuine++;
        }
        GroundTruth existing = kept.get(label.transactionId());
        if (existing == null
                && !label.fraud()
                && !alertedTransactionIds.contains(label.transactionId())) {
            return;
        }
        if (existing != null) {
            duplicates++;
            if (existing.fraud() || !label.fraud()) {
                return;
            }
        }
        kept.put(label.transactionId(), compact(label));
    }

    /**
     * Drops what the metrics never read (a genuine transaction's terminal) and shares the few
     * scenario strings.
     */
    private GroundTruth compact(GroundTruth label) {
        String scenario = scenarios.computeIfAbsent(label.scenario(), s -> s);
        return new GroundTruth(
                label.transactionId(),
                label.accountId(),
                label.timestamp(),
                label.fraud(),
                scenario,
                label.fraud() ? label.terminalId() : null,
                label.producedAt());
    }

    /** The label of a fraudulent or alerted transaction, or null. */
    public GroundTruth get(String transactionId) {
        return kept.get(transactionId);
    }

    /** Labels of fraudulent and of alerted transactions, one per transaction. */
    public Collection<GroundTruth> kept() {
        return Collections.unmodifiableCollection(kept.values());
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

    /** Label records read. */
    public long records() {
        return records;
    }

    /** Label records that say genuine (a repeated one counts again if not alerted). */
    public long genuineRecords() {
        return genuine;
    }

    /** Records repeating the label of a fraudulent or alerted transaction already read. */
    public long duplicates() {
        return duplicates;
    }

    /** UTC day of the earliest label, or null without labels. */
    public LocalDate firstDay() {
        return firstDay;
    }

    /** UTC day of the latest label, or null without labels. */
    public LocalDate lastDay() {
        return lastDay;
    }
}
