package io.fraudstream.model.train;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.Verdict;
import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.CardEvaluator;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.entity.EntityHistory;
import io.fraudstream.model.entity.EntityVersions;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.features.FeedbackSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The job's feature computation, replayed offline over a labelled history, for training and for
 * checking that training and serving compute the same numbers. It follows the job's rules exactly:
 * each account's transactions in their order in the input (the order of their Kafka partition), the
 * card's features and detectors from {@link CardEvaluator}, every verdict known from its {@code
 * decidedAt}, and a transaction at time {@code t} reading what was known at {@code t - lag}: the
 * card's verdicts by then, and each terminal's and merchant's history as it stood then ({@link
 * EntityVersions}, taken when a fraud becomes known and at every midnight, as the job's entity
 * tracker broadcasts it).
 *
 * <p>The input must be in the order the job would read it: by time, give or take less than the
 * visibility lag (so that every transaction of a day is counted before a transaction reads that day
 * as complete); {@code txgen} writes its files so.
 */
public final class FeatureReplay {

    private static final long DAY_MS = 86_400_000L;

    /** Receives each transaction's features as the job would compute them. */
    public interface Sink {
        /**
         * @param features the feature vector (reused: copy what you keep)
         * @param detections what the detectors found
         * @param compromised whether the job declines it: a verdict marks the card compromised at
         *     the time and compromised cards are declined
         */
        void accept(
                Transaction tx, double[] features, List<Detection> detections, boolean compromised);
    }

    private final CardEvaluator evaluator;
    private final long lagMs;
    private final int labelDelayDays;
    private final boolean declineCompromised;
    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, EntityHistory> entities = new HashMap<>();
    private final Map<String, EntityVersions> versions = new HashMap<>();
    private final Map<String, Long> lastMidnight = new HashMap<>();
    private final PriorityQueue<Known> pending =
            new PriorityQueue<>((a, b) -> Long.compare(a.knownAt, b.knownAt));
    private final double[] features = new double[Feature.COUNT];
    private final List<Detection> found = new ArrayList<>();
    private long order;
    private long newestAsOf = Long.MIN_VALUE;

    /** A verdict waiting for the time it is known. */
    private record Known(long knownAt, long order, Verdict verdict) {}

    public FeatureReplay(DetectorSettings detectors, FeedbackSettings feedback) {
        this.evaluator = new CardEvaluator(detectors);
        this.lagMs = feedback.lagMillis();
        this.labelDelayDays = feedback.labelDelayDays();
        this.declineCompromised = feedback.declineCompromised();
    }

    /** Adds a verdict; it counts from its {@code decidedAt}, whenever it is added before then. */
    public void verdict(Verdict verdict) {
        pending.add(new Known(verdict.decidedAt().toEpochMilli(), order++, verdict));
    }

    /** Computes the transaction's features, as of its time minus the lag, and updates the state. */
    public void transaction(Transaction tx, Sink sink) {
        long time = tx.timestamp().toEpochMilli();
        long asOf = time - lagMs;
        if (asOf > newestAsOf) {
            newestAsOf = asOf;
            applyKnown(asOf);
        }
        AccountState state = accounts.computeIfAbsent(tx.accountId(), a -> evaluator.newState());
        state.verdicts.applyUpTo(asOf);
        boolean compromised = declineCompromised && state.verdicts.compromised();
        evaluator.evaluate(state, tx, time, found, features);
        long today = Math.floorDiv(asOf, DAY_MS);
        entityFeatures(key("T:", tx.terminalId()), asOf, today, Feature.TERMINAL_OFFSET);
        entityFeatures(key("M:", tx.merchantId()), asOf, today, Feature.MERCHANT_OFFSET);
        sink.accept(tx, features, found, compromised);
        long day = Math.floorDiv(time, DAY_MS);
        count(key("T:", tx.terminalId()), day);
        count(key("M:", tx.merchantId()), day);
        if (state.lastActivity < time) {
            state.lastActivity = time;
        }
    }

    /** Applies, in order, the verdicts known by {@code asOf}: to cards and to entities. */
    private void applyKnown(long asOf) {
        while (!pending.isEmpty() && pending.peek().knownAt() <= asOf) {
            Known known = pending.poll();
            Verdict v = known.verdict();
            boolean fraud = v.label() == Verdict.Label.FRAUD;
            accounts.computeIfAbsent(v.accountId(), a -> evaluator.newState())
                    .verdicts
                    .add(known.knownAt(), fraud);
            if (!fraud) {
                continue;
            }
            long day =
                    Math.floorDiv(
                            (v.eventTime() != null ? v.eventTime() : v.decidedAt()).toEpochMilli(),
                            DAY_MS);
            long hash = transactionHash(v);
            fraud(key("T:", v.terminalId()), day, hash, known.knownAt());
            fraud(key("M:", v.merchantId()), day, hash, known.knownAt());
        }
    }

    private void fraud(String key, long day, long hash, long knownAt) {
        if (key == null) {
            return;
        }
        EntityHistory history = entities.computeIfAbsent(key, k -> new EntityHistory());
        EntityVersions entity = versions.get(key);
        if (entity != null && lastMidnight.get(key) < knownAt) {
            // The midnights before this fraud, while the history holds only what preceded it.
            midnights(key, entity, knownAt - 1);
        }
        if (history.addFraud(day, hash)) {
            versions.computeIfAbsent(key, k -> new EntityVersions()).add(knownAt, history.copy());
            lastMidnight.put(key, Math.floorDiv(knownAt, DAY_MS) * DAY_MS);
        }
    }

    private void count(String key, long day) {
        if (key != null) {
            entities.computeIfAbsent(key, k -> new EntityHistory()).addTransaction(day);
        }
    }

    private void entityFeatures(String key, long asOf, long today, int offset) {
        if (key == null) {
            java.util.Arrays.fill(features, offset, offset + EntityHistory.FEATURES, Double.NaN);
            return;
        }
        EntityVersions entity = versions.get(key);
        if (entity == null) {
            EntityHistory.notRisky(features, offset);
            return;
        }
        midnights(key, entity, asOf);
        EntityHistory history = entity.at(asOf);
        if (history == null) {
            EntityHistory.notRisky(features, offset);
        } else {
            history.features(today, labelDelayDays, features, offset);
        }
    }

    /**
     * The midnight snapshots the job's tracker would have broadcast up to {@code asOf}, taken now
     * that every transaction before them has been counted.
     */
    private void midnights(String key, EntityVersions entity, long asOf) {
        long last = lastMidnight.get(key);
        long next = last + DAY_MS;
        EntityHistory history = entities.get(key);
        while (next <= asOf) {
            long day = Math.floorDiv(next, DAY_MS);
            if (history.hasFraudSince(day - EntityHistory.DAYS + 1)) {
                entity.add(next, history.copy());
            } else {
                entity.add(next, null);
                lastMidnight.put(key, Long.MAX_VALUE / 2);
                return;
            }
            next += DAY_MS;
        }
        lastMidnight.put(key, next - DAY_MS);
        entity.pruneBefore(asOf - DAY_MS);
    }

    private static String key(String prefix, String id) {
        return id == null ? null : prefix + id;
    }

    /** The job's hash of what a verdict labels: two verdicts on one transaction share it. */
    public static long transactionHash(Verdict v) {
        String id = v.transactionId() != null ? "t:" + v.transactionId() : "a:" + v.alertId();
        long h = 1125899906842597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        return h;
    }
}
