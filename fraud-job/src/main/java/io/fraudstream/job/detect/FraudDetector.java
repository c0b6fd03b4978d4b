package io.fraudstream.job.detect;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Transaction;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.AlertSuppressor;
import io.fraudstream.model.card.AmountAnomalyDetector;
import io.fraudstream.model.card.CardTestingDetector;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.card.Detector;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.card.ImpossibleTravelDetector;
import io.fraudstream.model.card.Profile;
import io.fraudstream.model.card.RiskScorer;
import io.fraudstream.model.card.SpendBurstDetector;
import io.fraudstream.model.card.VelocityDetector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates every transaction of an account the moment it arrives, against the account's keyed
 * state: five detectors, a noisy-OR risk score, the action, and suppression of repeats. One state
 * read and write per transaction; an event-time timer forgets accounts idle for the state TTL.
 *
 * <p>Late transactions (behind the watermark) are real transactions: they are evaluated against the
 * state as it is, counted in {@code lateTransactions}, and any alert they raise is marked {@code
 * late}. What falls outside the windows kept in state no longer counts towards them.
 */
public final class FraudDetector extends KeyedProcessFunction<String, Ingested, Alert> {

    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    /**
     * Most characters of related transaction ids in one alert: at three UTF-8 bytes each at worst,
     * 12 KiB of a 64 KiB alert, next to ids and reasons of a few KiB.
     */
    static final int MAX_RELATED_ID_CHARS = 4096;

    private final String ruleVersion;
    private final List<Detector> detectors;
    private final Profile profile;
    private final RiskScorer scorer;
    private final AlertSuppressor suppressor;
    private final int recentCapacity;
    private final long relatedWindowMs;
    private final long ttlMs;

    private transient ValueState<AccountState> accounts;
    private transient List<Detection> found;
    private transient Counter transactions;
    private transient Counter lateTransactions;
    private transient Counter alerts;
    private transient Counter suppressed;
    private transient Counter belowThreshold;
    private transient Counter accountsExpired;
    private transient Map<Alert.Action, Counter> alertsByAction;
    private transient Map<String, Counter> alertsByDetector;
    private transient Histogram latency;

    public FraudDetector(FraudJobConfig config) {
        DetectorSettings d = config.detectors();
        this.ruleVersion = config.ruleVersion();
        this.profile = new Profile(config.detectors().profileHalfLife());
        List<Detector> enabled = new ArrayList<>();
        if (d.velocity().enabled()) {
            enabled.add(new VelocityDetector(d.velocity()));
        }
        if (d.spendBurst().enabled()) {
            enabled.add(new SpendBurstDetector(d.spendBurst(), profile));
        }
        if (d.amountAnomaly().enabled()) {
            enabled.add(new AmountAnomalyDetector(d.amountAnomaly()));
        }
        if (d.cardTesting().enabled()) {
            enabled.add(new CardTestingDetector(d.cardTesting()));
        }
        if (d.impossibleTravel().enabled()) {
            enabled.add(new ImpossibleTravelDetector(d.impossibleTravel()));
        }
        this.detectors = List.copyOf(enabled);
        this.scorer =
                new RiskScorer(config.scoring().flagThreshold(), config.scoring().blockThreshold());
        this.suppressor = new AlertSuppressor(config.suppressionCooldown());
        this.recentCapacity = VelocityDetector.ringCapacity(d.velocity());
        this.relatedWindowMs =
                Math.max(d.velocity().window().toMillis(), d.cardTesting().window().toMillis());
        this.ttlMs = config.state().ttl().toMillis();
    }

    /** Names of the detectors this configuration runs, in evaluation order. */
    public List<String> detectorNames() {
        return detectors.stream().map(Detector::name).toList();
    }

    @Override
    public void open(OpenContext openContext) {
        accounts =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "account", TypeInformation.of(AccountState.class)));
        found = new ArrayList<>(detectors.size());
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        transactions = metrics.counter("transactions");
        lateTransactions = metrics.counter("lateTransactions");
        alerts = metrics.counter("alerts");
        suppressed = metrics.counter("suppressedAlerts");
        belowThreshold = metrics.counter("detectionsBelowThreshold");
        accountsExpired = metrics.counter("accountsExpired");
        alertsByAction = new EnumMap<>(Alert.Action.class);
        for (Alert.Action action : Alert.Action.values()) {
            alertsByAction.put(action, metrics.addGroup("action", action.name()).counter("alerts"));
        }
        alertsByDetector = new HashMap<>();
        for (Detector detector : detectors) {
            alertsByDetector.put(
                    detector.name(),
                    metrics.addGroup("detector", detector.name()).counter("alerts"));
        }
        latency =
                metrics.histogram(
                        "eventToAlertLatencyMs", new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<Alert> out) throws Exception {
        Transaction tx = in.transaction;
        long time = tx.timestamp().toEpochMilli();
        transactions.inc();
        boolean late = time < ctx.timerService().currentWatermark();
        if (late) {
            lateTransactions.inc();
        }
        AccountState state = accounts.value();
        if (state == null) {
            state = AccountState.create(recentCapacity, SpendBurstDetector.BUCKETS);
        }
        double amount = tx.amount().doubleValue();
        state.remember(time, tx.transactionId());

        found.clear();
        for (Detector detector : detectors) {
            Detection detection = detector.evaluate(state, tx, time, amount);
            if (detection != null) {
                found.add(detection);
            }
        }
        profile.add(state, time, amount);
        if (state.lastSeen == AccountState.NONE || time > state.lastSeen) {
            state.lastSeen = time;
        }
        scheduleCleanup(state, ctx);

        if (!found.isEmpty()) {
            decide(state, tx, time, late, in.ingestTime, out);
        }
        accounts.update(state);
    }

    private void decide(
            AccountState state,
            Transaction tx,
            long time,
            boolean late,
            long ingestTime,
            Collector<Alert> out) {
        double score = RiskScorer.combine(found);
        Alert.Action action = scorer.action(score);
        if (action == null) {
            belowThreshold.inc();
            return;
        }
        Alert.Severity severity = RiskScorer.severity(score);
        if (!suppressor.allows(state, time, severity)) {
            suppressed.inc();
            return;
        }
        suppressor.record(state, time, severity);
        List<Alert.Reason> reasons = new ArrayList<>(found.size());
        for (Detection detection : found) {
            reasons.add(
                    new Alert.Reason(
                            detection.detector(),
                            detection.message(),
                            detection.value(),
                            detection.threshold()));
            alertsByDetector.get(detection.detector()).inc();
        }
        Instant now = Instant.now();
        out.collect(
                new Alert(
                        alertId(ruleVersion, tx.accountId(), tx.transactionId()),
                        tx.accountId(),
                        tx.transactionId(),
                        related(state, time, relatedWindowMs, tx.transactionId()),
                        tx.timestamp(),
                        now,
                        Math.round(score * 10_000) / 10_000.0,
                        severity,
                        action,
                        reasons,
                        ruleVersion,
                        late));
        alerts.inc();
        alertsByAction.get(action).inc();
        if (ingestTime > 0) {
            latency.update(Math.max(0, now.toEpochMilli() - ingestTime));
        }
    }

    /** The same rules, account and transaction always give the same id, so duplicates collapse. */
    public static String alertId(String ruleVersion, String accountId, String transactionId) {
        return UUID.nameUUIDFromBytes(
                        (ruleVersion + '\n' + accountId + '\n' + transactionId)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The account's other transactions in the related window, oldest first: the newest ones when
     * there are more than {@link Alert#MAX_RELATED_TRANSACTIONS} or their ids would take more than
     * {@link #MAX_RELATED_ID_CHARS} characters, so an alert always stays far below the codec's and
     * Kafka's size limits, whatever ids a producer chose.
     */
    static List<String> related(
            AccountState state, long time, long windowMs, String transactionId) {
        List<String> ids = new ArrayList<>(Math.min(state.recentCount, 16));
        int chars = 0;
        for (int i = state.recentCount - 1; i >= 0; i--) {
            long t = state.recentTimes[i];
            String id = state.recentIds[i];
            if (t >= time - windowMs && t <= time && !transactionId.equals(id)) {
                chars += id.length();
                if (ids.size() == Alert.MAX_RELATED_TRANSACTIONS || chars > MAX_RELATED_ID_CHARS) {
                    break;
                }
                ids.add(id);
            }
        }
        Collections.reverse(ids);
        return ids;
    }

    /**
     * At most one timer per account, registered once and never moved: moving it on every
     * transaction cost a delete and an insert in the timer heap per record. When it fires for an
     * account seen since, it is re-registered at the account's current end of TTL (rounded up to
     * the hour), so an active account costs one timer operation per TTL, not one per transaction.
     */
    private void scheduleCleanup(AccountState state, Context ctx) {
        if (state.cleanupTimer == AccountState.NONE) {
            state.cleanupTimer = cleanupDue(state);
            ctx.timerService().registerEventTimeTimer(state.cleanupTimer);
        }
    }

    private long cleanupDue(AccountState state) {
        return ((state.lastSeen + ttlMs) / HOUR_MS + 1) * HOUR_MS;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        AccountState state = accounts.value();
        if (state == null || state.cleanupTimer != timestamp) {
            return;
        }
        long due = cleanupDue(state);
        if (due <= timestamp) {
            accounts.clear();
            accountsExpired.inc();
        } else {
            state.cleanupTimer = due;
            ctx.timerService().registerEventTimeTimer(due);
            accounts.update(state);
        }
    }
}
