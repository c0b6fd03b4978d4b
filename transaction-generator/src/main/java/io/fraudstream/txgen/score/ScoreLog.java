package io.fraudstream.txgen.score;

import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScore.Decision;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's transaction scores, deduplicated by {@code transactionId}: the job scores every
 * transaction once, and its Kafka sink is at-least-once, so two records with one transaction id are
 * one score delivered twice. The first copy's content is kept, with the earliest record timestamp.
 */
public final class ScoreLog {

    /**
     * The part of a score the report uses.
     *
     * @param knownCompromised whether the job declined it because a verdict had confirmed the card
     *     compromised (a reason {@value #COMPROMISED_FEATURE}): the card is blocked, no ranking
     *     decision
     * @param recordTimestamp the Kafka record timestamp of the earliest copy, or null (a file)
     */
    public record ScoredTransaction(
            String transactionId,
            String accountId,
            Instant eventTime,
            double score,
            Decision decision,
            boolean knownCompromised,
            Instant recordTimestamp)
            implements Ranked {

        ScoredTransaction withRecordTimestamp(Instant at) {
            return new ScoredTransaction(
                    transactionId, accountId, eventTime, score, decision, knownCompromised, at);
        }
    }

    /** The reason of a score given because the card was confirmed compromised. */
    public static final String COMPROMISED_FEATURE = "card.compromised";

    private final String source;
    private final Map<String, ScoredTransaction> byId = new LinkedHashMap<>();
    private final Map<String, Long> timestampTypes = new TreeMap<>();
    private long records;
    private long skippedBad;

    public ScoreLog(String source) {
        this.source = source;
    }

    /** Adds one score record; the timestamp and its type are null when read from a file. */
    public void add(TransactionScore score, Instant recordTimestamp, String timestampType) {
        records++;
        if (timestampType != null) {
            timestampTypes.merge(timestampType, 1L, Long::sum);
        }
        ScoredTransaction first = byId.get(score.transactionId());
        if (first == null) {
            boolean compromised =
                    score.reasons().stream().anyMatch(r -> r.feature().equals(COMPROMISED_FEATURE));
            byId.put(
                    score.transactionId(),
                    new ScoredTransaction(
                            score.transactionId(),
                            score.accountId(),
                            score.eventTime(),
                            score.score(),
                            score.decision(),
                            compromised,
                            recordTimestamp));
        } else if (recordTimestamp != null
                && (first.recordTimestamp() == null
                        || recordTimestamp.isBefore(first.recordTimestamp()))) {
            byId.put(score.transactionId(), first.withRecordTimestamp(recordTimestamp));
        }
    }

    public void skippedBad() {
        skippedBad++;
    }

    public String source() {
        return source;
    }

    public long records() {
        return records;
    }

    public long skippedBadCount() {
        return skippedBad;
    }

    public long duplicates() {
        return records - byId.size();
    }

    /** Distinct scored transactions, in the order first read. */
    public Collection<ScoredTransaction> scores() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public ScoredTransaction get(String transactionId) {
        return byId.get(transactionId);
    }

    /** The scored transactions the job ranked: all but those of cards known compromised. */
    public List<ScoredTransaction> ranked() {
        return byId.values().stream().filter(s -> !s.knownCompromised()).toList();
    }

    /** Distinct scored transactions per decision. */
    public Map<Decision, Long> decisions() {
        Map<Decision, Long> counts = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            counts.put(d, 0L);
        }
        byId.values().forEach(s -> counts.merge(s.decision(), 1L, Long::sum));
        return counts;
    }

    /**
     * The alerts the job sends for these scores: one per REVIEW or DECLINE, as if the alert
     * suppressor let every one through, with the transaction id as alert id. Used when no alert
     * input is given, so that the alert metrics describe the decisions.
     */
    public AlertLog asAlerts() {
        AlertLog log = new AlertLog(source + " (REVIEW and DECLINE decisions)");
        for (ScoredTransaction s : byId.values()) {
            if (s.decision() != Decision.APPROVE) {
                log.add(
                        new ScoredAlert(
                                s.transactionId(),
                                s.accountId(),
                                s.transactionId(),
                                s.eventTime(),
                                null,
                                s.score(),
                                s.recordTimestamp()),
                        null);
            }
        }
        timestampTypes.forEach(log::countTimestampType);
        return log;
    }
}
