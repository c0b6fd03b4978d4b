package io.fraudstream.job.detect;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.Verdict;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.entity.EntityEvent;
import io.fraudstream.job.entity.EntitySnapshot;
import io.fraudstream.job.rules.RuleOutcome;
import io.fraudstream.job.rules.RuleResult;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.job.state.AccountStateSerializer;
import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.AlertSuppressor;
import io.fraudstream.model.card.CardEvaluator;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.card.RiskScorer;
import io.fraudstream.model.entity.EntityHistory;
import io.fraudstream.model.entity.EntityVersions;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.features.FeedbackSettings;
import io.fraudstream.model.scoring.Explainer;
import io.fraudstream.model.scoring.Scorer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores every transaction of an account against the account's keyed state and the broadcast risk
 * of its terminal and merchant: the card's features and the five detectors ({@link CardEvaluator}),
 * the entities' features as of the transaction's time, the model and the detectors combined ({@link
 * Scorer}), the decision, a {@link TransactionScore} for every transaction (side output {@link
 * #SCORES}) and an {@link Alert} for a REVIEW or DECLINE unless the suppressor holds it back.
 * Verdicts on the card arrive on the same keyed input.
 *
 * <p><b>Verdicts count from their time, and scores do not depend on arrival order.</b> A verdict
 * counts for the transactions from its {@code decidedAt} plus {@code feedback.visibility-lag}
 * ({@code L}) on. A transaction at time {@code t} is scored against everything known at {@code T =
 * t - L}: verdicts that count from {@code T} or earlier, and entity snapshots effective from {@code
 * T} or earlier. It is scored at once when the operator's watermark (the least of both inputs:
 * transactions and verdicts, and the entity snapshots) has passed {@code T}, because then
 * everything effective by {@code T} has arrived; live traffic always meets that, since {@code L}
 * exceeds the watermark's lag. Otherwise (a replay read faster than its verdicts) it waits in keyed
 * state, behind the account's earlier waiting transactions, for an event-time timer at {@code T}.
 * Either way an account's transactions are scored in their arrival order, which is the order of
 * their Kafka partition.
 *
 * <p>With {@code feedback.enabled: false} no verdicts or entities are read and nothing waits: each
 * transaction is scored the moment it arrives.
 */
public final class CardScorer
        extends KeyedBroadcastProcessFunction<String, CardInput, EntitySnapshot, Alert> {

    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final int TOP_CONTRIBUTIONS = 3;

    /**
     * Longest a transaction waits for its rules' answers, in event time, before it is scored with
     * those that came: answers lost with an unaligned (at-least-once) checkpoint never come.
     */
    static final long RULE_WAIT_MS = Duration.ofMinutes(1).toMillis();

    /**
     * Most characters of related transaction ids in one alert: at three UTF-8 bytes each at worst,
     * 12 KiB of a 64 KiB alert, next to ids and reasons of a few KiB.
     */
    static final int MAX_RELATED_ID_CHARS = 4096;

    /** The broadcast state: risky terminals and merchants, by entity key, with their versions. */
    public static final MapStateDescriptor<String, EntityVersions> ENTITIES =
            new MapStateDescriptor<>(
                    "entities", Types.STRING, TypeInformation.of(EntityVersions.class));

    /** Every transaction's score and decision. */
    public static final OutputTag<TransactionScore> SCORES =
            new OutputTag<>("scores", TypeInformation.of(TransactionScore.class));

    private final String ruleVersion;
    private final CardEvaluator evaluator;
    private final Scorer scorer;
    private final AlertSuppressor suppressor;
    private final boolean feedback;
    private final boolean declineCompromised;
    private final long lagMs;
    private final int labelDelayDays;
    private final boolean publishScores;
    private final boolean publishFeatures;
    private final long relatedWindowMs;
    private final long ttlMs;
    private final double reviewThreshold;
    private final double declineThreshold;

    private transient ValueState<AccountState> accounts;
    private transient ListState<CardInput> held;
    private transient MapState<Long, RuleOutcome> ruleOutcomes;
    private transient List<Detection> found;
    private transient double[] features;
    private transient int[] top;
    private transient Scorer.Result result;
    private transient Counter transactions;
    private transient Counter lateTransactions;
    private transient Counter heldTransactions;
    private transient Counter verdicts;
    private transient Counter compromisedDeclines;
    private transient Counter entityVersionsDropped;
    private transient Counter alerts;
    private transient Counter suppressed;
    private transient Counter accountsExpired;
    private transient Counter ruleAlerts;
    private transient Counter reasonsDropped;
    private transient Counter ruleAnswersMissing;
    private transient Counter waitingForRules;
    private transient Map<TransactionScore.Decision, Counter> decisions;
    private transient Map<Alert.Action, Counter> alertsByAction;
    private transient Map<String, Counter> alertsByDetector;
    private transient Histogram latency;
    private transient Histogram inJobLatency;

    public CardScorer(FraudJobConfig config, Scorer scorer) {
        this.ruleVersion = config.ruleVersion();
        this.evaluator = new CardEvaluator(config.detectors());
        this.scorer = scorer;
        this.suppressor = new AlertSuppressor(config.suppressionCooldown());
        FeedbackSettings settings = config.feedback().settings();
        this.feedback = config.feedback().enabled();
        this.declineCompromised = feedback && settings.declineCompromised();
        this.lagMs = settings.lagMillis();
        this.labelDelayDays = settings.labelDelayDays();
        this.publishScores = config.scores().enabled();
        this.publishFeatures = config.scores().features();
        this.relatedWindowMs =
                Math.max(
                        config.detectors().velocity().window().toMillis(),
                        config.detectors().cardTesting().window().toMillis());
        this.ttlMs = config.state().ttl().toMillis();
        this.reviewThreshold = config.scoring().flagThreshold();
        this.declineThreshold = config.scoring().blockThreshold();
    }

    /** Names of the detectors this configuration runs, in evaluation order. */
    public List<String> detectorNames() {
        return evaluator.detectorNames();
    }

    @Override
    public void open(OpenContext openContext) {
        accounts =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "account", new AccountStateSerializer()));
        held =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "held", TypeInformation.of(CardInput.class)));
        ruleOutcomes =
                getRuntimeContext()
                        .getMapState(
                                new org.apache.flink.api.common.state.MapStateDescriptor<>(
                                        "rule-outcomes",
                                        Types.LONG,
                                        TypeInformation.of(RuleOutcome.class)));
        found = new ArrayList<>(8);
        features = new double[Feature.COUNT];
        top = new int[TOP_CONTRIBUTIONS];
        result = new Scorer.Result();
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        transactions = metrics.counter("transactions");
        lateTransactions = metrics.counter("lateTransactions");
        heldTransactions = metrics.counter("heldTransactions");
        verdicts = metrics.counter("verdicts");
        compromisedDeclines = metrics.counter("compromisedDeclines");
        entityVersionsDropped = metrics.counter("entityVersionsDropped");
        alerts = metrics.counter("alerts");
        suppressed = metrics.counter("suppressedAlerts");
        accountsExpired = metrics.counter("accountsExpired");
        decisions = new EnumMap<>(TransactionScore.Decision.class);
        for (TransactionScore.Decision decision : TransactionScore.Decision.values()) {
            decisions.put(
                    decision, metrics.addGroup("decision", decision.name()).counter("scores"));
        }
        alertsByAction = new EnumMap<>(Alert.Action.class);
        for (Alert.Action action : Alert.Action.values()) {
            alertsByAction.put(action, metrics.addGroup("action", action.name()).counter("alerts"));
        }
        alertsByDetector = new HashMap<>();
        for (String detector : evaluator.detectorNames()) {
            alertsByDetector.put(
                    detector, metrics.addGroup("detector", detector).counter("alerts"));
        }
        alertsByDetector.put("model", metrics.addGroup("detector", "model").counter("alerts"));
        ruleAlerts = metrics.addGroup("detector", "rules").counter("alerts");
        reasonsDropped = metrics.counter("alertReasonsDropped");
        ruleAnswersMissing = metrics.counter("ruleAnswersMissing");
        waitingForRules = metrics.counter("transactionsWaitingForRules");
        latency =
                metrics.histogram(
                        "eventToAlertLatencyMs", new DescriptiveStatisticsHistogram(10_000));
        // Source receive to alert: the job's own share, without Kafka's fetch.
        inJobLatency =
                metrics.histogram(
                        "receiveToAlertLatencyMs", new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void processElement(CardInput in, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        AccountState state = accounts.value();
        if (in.ruleAnswer) {
            RuleOutcome outcome = ruleOutcomes.get(in.seq);
            if (outcome == null) {
                outcome = new RuleOutcome(); // it overtook its transaction
            }
            outcome.add(in.ruleHit);
            ruleOutcomes.put(in.seq, outcome);
            if (outcome.complete() && state != null && state.heldCount > 0) {
                release(state, ctx, out);
                accounts.update(state);
            }
            return;
        }
        if (in.verdict != null) {
            if (state == null) {
                state = evaluator.newState();
            }
            Verdict verdict = in.verdict;
            // Known from decidedAt: it counts for transactions from decidedAt plus the lag (they
            // read what was known at their time minus the lag). A late verdict is known from now
            // on: transactions already scored stay scored.
            long knownAt = verdict.decidedAt().toEpochMilli();
            state.verdicts.add(
                    Math.max(knownAt, watermark + 1), verdict.label() == Verdict.Label.FRAUD);
            verdicts.inc();
            scheduleCleanup(state, ctx, knownAt);
            accounts.update(state);
            return;
        }
        long time = in.transaction.transaction.timestamp().toEpochMilli();
        in.late = time < watermark;
        boolean waitForVerdicts = feedback && watermark < time - lagMs;
        boolean waitForRules = in.rulesExpected > 0 && !expectAnswers(in);
        if (waitForVerdicts || waitForRules || state != null && state.heldCount > 0) {
            if (state == null) {
                state = evaluator.newState();
            }
            boolean head = state.heldCount == 0;
            state.heldCount++;
            if (waitForVerdicts) {
                heldTransactions.inc();
                // One timer per account, for the first in line: the rest wait behind it, and
                // release() sets the timer of whichever is first after it.
                if (head) {
                    ctx.timerService().registerEventTimeTimer(time - lagMs);
                }
            }
            if (waitForRules) {
                waitingForRules.inc();
                in.ruleDeadline = ruleDeadline(Math.max(time, watermark));
                ctx.timerService().registerEventTimeTimer(in.ruleDeadline);
            }
            held.add(in);
            accounts.update(state);
            return;
        }
        if (state == null) {
            state = evaluator.newState();
        }
        score(state, in, ctx.getBroadcastState(ENTITIES), ctx, out);
        accounts.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        AccountState state = accounts.value();
        if (state == null) {
            return;
        }
        if (state.heldCount > 0) {
            release(state, ctx, out);
        }
        if (state.cleanupTimer == timestamp) {
            long due = cleanupDue(state);
            if (due <= timestamp && state.heldCount == 0) {
                accounts.clear();
                held.clear();
                ruleOutcomes.clear();
                accountsExpired.inc();
                return;
            }
            state.cleanupTimer = due <= timestamp ? timestamp + HOUR_MS : due;
            ctx.timerService().registerEventTimeTimer(state.cleanupTimer);
        }
        accounts.update(state);
    }

    /**
     * Scores the account's waiting transactions from the first, in arrival order, while each is
     * ready: the watermark has passed its time minus the lag (with feedback), and every rule that
     * counts it has answered (or its answers are overdue).
     */
    private void release(AccountState state, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        List<CardInput> waiting = new ArrayList<>(state.heldCount);
        for (CardInput in : held.get()) {
            waiting.add(in);
        }
        Iterator<CardInput> it = waiting.iterator();
        ReadOnlyBroadcastState<String, EntityVersions> entities = ctx.getBroadcastState(ENTITIES);
        while (it.hasNext()) {
            CardInput in = it.next();
            long time = in.transaction.transaction.timestamp().toEpochMilli();
            if (feedback && time - lagMs > watermark) {
                break; // the rest wait behind it, in order
            }
            if (in.rulesExpected > 0 && (in.ruleDeadline == 0 || watermark < in.ruleDeadline)) {
                RuleOutcome outcome = ruleOutcomes.get(in.seq);
                if (outcome == null || !outcome.complete()) {
                    break;
                }
            }
            score(state, in, entities, ctx, out);
            it.remove();
        }
        state.heldCount = waiting.size();
        held.update(waiting);
        if (feedback && !waiting.isEmpty()) {
            long headReady =
                    waiting.get(0).transaction.transaction.timestamp().toEpochMilli() - lagMs;
            if (headReady > watermark) {
                ctx.timerService().registerEventTimeTimer(headReady);
            }
        }
    }

    /** Records how many answers the transaction waits for; whether they are all in already. */
    private boolean expectAnswers(CardInput in) throws Exception {
        RuleOutcome outcome = ruleOutcomes.get(in.seq);
        if (outcome == null) {
            outcome = new RuleOutcome();
        }
        outcome.expected = in.rulesExpected;
        ruleOutcomes.put(in.seq, outcome);
        return outcome.complete();
    }

    /**
     * When a transaction stops waiting for missing rule answers: {@link #RULE_WAIT_MS} after the
     * later of its time and the watermark at its arrival, rounded up to the minute (one timer per
     * account and minute). An answer that comes after it joins nothing and is dropped with the
     * account's state.
     */
    private static long ruleDeadline(long time) {
        return ((time + RULE_WAIT_MS) / RULE_WAIT_MS + 1) * RULE_WAIT_MS;
    }

    @Override
    public void processBroadcastElement(EntitySnapshot snapshot, Context ctx, Collector<Alert> out)
            throws Exception {
        var entities = ctx.getBroadcastState(ENTITIES);
        EntityVersions versions = entities.get(snapshot.key);
        if (versions == null) {
            if (snapshot.history == null) {
                return;
            }
            versions = new EntityVersions();
        }
        if (versions.add(snapshot.effectiveFrom, snapshot.history)) {
            entityVersionsDropped.inc();
        }
        // Transactions still to come read at T >= watermark - lag; older versions are done with.
        long watermark = ctx.currentWatermark();
        if (watermark != Long.MIN_VALUE && versions.pruneBefore(watermark - lagMs)) {
            entities.remove(snapshot.key);
        } else {
            entities.put(snapshot.key, versions);
        }
    }

    /** Scores one transaction, emits its score and maybe an alert, and updates the state. */
    private void score(
            AccountState state,
            CardInput input,
            ReadOnlyBroadcastState<String, EntityVersions> entities,
            ReadOnlyContext ctx,
            Collector<Alert> out)
            throws Exception {
        Ingested in = input.transaction;
        Transaction tx = in.transaction;
        long time = tx.timestamp().toEpochMilli();
        long asOf = time - lagMs;
        transactions.inc();
        boolean late = input.late;
        if (late) {
            lateTransactions.inc();
        }
        state.verdicts.applyUpTo(asOf);
        boolean compromised = declineCompromised && state.verdicts.compromised();
        evaluator.evaluate(state, tx, time, found, features);
        // The rules' hits join the detectors' findings (after the model's features were taken:
        // the model never saw rules) and may force an action.
        TransactionScore.Decision forced = TransactionScore.Decision.APPROVE;
        String versions = ruleVersion;
        if (input.rulesExpected > 0) {
            RuleOutcome outcome = ruleOutcomes.get(input.seq);
            ruleOutcomes.remove(input.seq);
            if (outcome == null || !outcome.complete()) {
                ruleAnswersMissing.inc();
            }
            if (outcome != null && outcome.hits.length > 0) {
                StringBuilder v = new StringBuilder(ruleVersion);
                for (RuleResult hit : outcome.hits) {
                    found.add(
                            new Detection(
                                    hit.detector(),
                                    hit.score,
                                    hit.message,
                                    hit.value,
                                    hit.threshold));
                    if ("BLOCK".equals(hit.action)) {
                        forced = TransactionScore.Decision.DECLINE;
                    } else if ("FLAG".equals(hit.action)
                            && forced == TransactionScore.Decision.APPROVE) {
                        forced = TransactionScore.Decision.REVIEW;
                    }
                    v.append('+').append(hit.ruleId).append('@').append(hit.ruleVersion);
                }
                versions = v.length() <= 256 ? v.toString() : v.substring(0, 256);
            }
        }
        long today = Math.floorDiv(asOf, DAY_MS);
        EntityHistory terminal =
                entityFeatures(
                        entities,
                        tx.terminalId(),
                        EntityEvent.terminalKey(tx.terminalId()),
                        asOf,
                        today,
                        Feature.TERMINAL_OFFSET);
        EntityHistory merchant =
                entityFeatures(
                        entities,
                        tx.merchantId(),
                        EntityEvent.merchantKey(tx.merchantId()),
                        asOf,
                        today,
                        Feature.MERCHANT_OFFSET);
        scorer.score(features, found, compromised, result);
        if (forced.compareTo(result.decision) > 0) {
            result.decision = forced;
        }
        decisions.get(result.decision).inc();
        if (compromised) {
            compromisedDeclines.inc();
        }
        scheduleCleanup(state, ctx, time);
        // Every score says why: the detectors that fired and the model's largest contributions.
        List<TransactionScore.Contribution> reasons = reasons(tx, state, terminal, merchant, today);
        if (publishScores) {
            ctx.output(
                    SCORES,
                    TransactionScore.of(
                            tx,
                            result.score,
                            result.decision,
                            scorer.modelVersion(),
                            reasons,
                            publishFeatures ? featureMap() : Map.of()));
        }
        if (result.decision != TransactionScore.Decision.APPROVE) {
            alert(state, tx, time, late, in, reasons, versions, out);
        }
    }

    /** Fills the entity's feature block; returns the history read, or null. */
    private EntityHistory entityFeatures(
            ReadOnlyBroadcastState<String, EntityVersions> entities,
            String id,
            String key,
            long asOf,
            long today,
            int offset)
            throws Exception {
        if (id == null) {
            java.util.Arrays.fill(features, offset, offset + EntityHistory.FEATURES, Double.NaN);
            return null;
        }
        EntityVersions versions = feedback ? entities.get(key) : null;
        EntityHistory history = versions == null ? null : versions.at(asOf);
        if (history == null) {
            EntityHistory.notRisky(features, offset);
        } else {
            history.features(today, labelDelayDays, features, offset);
        }
        return history;
    }

    /** The card compromise, the detectors that fired, then the model's largest contributions. */
    private List<TransactionScore.Contribution> reasons(
            Transaction tx,
            AccountState state,
            EntityHistory terminal,
            EntityHistory merchant,
            long today) {
        List<TransactionScore.Contribution> reasons = new ArrayList<>(TOP_CONTRIBUTIONS + 3);
        if (result.compromised) {
            reasons.add(
                    new TransactionScore.Contribution(
                            "card.compromised",
                            "card confirmed compromised by a verdict that counts from "
                                    + Instant.ofEpochMilli(state.verdicts.compromisedSince),
                            1,
                            10));
        }
        for (Detection detection : found) {
            if (reasons.size() == TransactionScore.MAX_REASONS) {
                break;
            }
            reasons.add(
                    new TransactionScore.Contribution(
                            "detector." + detection.detector(),
                            detection.message(),
                            detection.value(),
                            logit(detection.score())));
        }
        if (scorer.hasModel()) {
            int n = Scorer.top(result.contributions, TOP_CONTRIBUTIONS, top);
            for (int i = 0; i < n && reasons.size() < TransactionScore.MAX_REASONS; i++) {
                Feature feature = Feature.at(top[i]);
                double value = features[top[i]];
                reasons.add(
                        new TransactionScore.Contribution(
                                feature.id(),
                                Explainer.message(
                                        feature,
                                        features,
                                        tx.terminalId(),
                                        terminal,
                                        tx.merchantId(),
                                        merchant,
                                        today,
                                        labelDelayDays),
                                Double.isNaN(value) ? 0 : value,
                                Math.round(result.contributions[top[i]] * 1000) / 1000.0));
            }
        }
        return reasons;
    }

    private void alert(
            AccountState state,
            Transaction tx,
            long time,
            boolean late,
            Ingested in,
            List<TransactionScore.Contribution> contributions,
            String versions,
            Collector<Alert> out) {
        Alert.Severity severity = RiskScorer.severity(result.score);
        if (!suppressor.allows(state, time, severity)) {
            suppressed.inc();
            return;
        }
        suppressor.record(state, time, severity);
        List<Alert.Reason> reasons = new ArrayList<>(contributions.size() + 2);
        boolean modelReason =
                result.compromised
                        || (scorer.hasModel() && result.modelScore >= result.detectorScore);
        // An alert gives at most MAX_REASONS reasons: with many rules hitting at once, the first
        // detections (the detectors, then the rules in the order they answered) keep their place
        // and room stays for the model's or the compromised card's reason; every detection still
        // counts in the metrics.
        int room = Alert.MAX_REASONS - (modelReason ? 1 : 0);
        for (Detection detection : found) {
            if (reasons.size() < room) {
                reasons.add(
                        new Alert.Reason(
                                detection.detector(),
                                detection.message(),
                                detection.value(),
                                detection.threshold()));
            } else {
                reasonsDropped.inc();
            }
            Counter byDetector = alertsByDetector.get(detection.detector());
            (byDetector != null ? byDetector : ruleAlerts).inc();
        }
        if (result.compromised) {
            reasons.add(
                    0, new Alert.Reason("card-compromised", contributions.get(0).message(), 1, 1));
        } else if (scorer.hasModel() && result.modelScore >= result.detectorScore) {
            reasons.add(
                    new Alert.Reason(
                            "model",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "model %s scores %.2f",
                                    scorer.modelVersion(),
                                    result.modelScore),
                            Math.round(result.modelScore * 10_000) / 10_000.0,
                            result.decision == TransactionScore.Decision.DECLINE
                                    ? declineThreshold
                                    : reviewThreshold));
            alertsByDetector.get("model").inc();
        }
        // The model's largest contributions: the feature's value, and its weight in log-odds.
        for (TransactionScore.Contribution c : contributions) {
            if (reasons.size() == Alert.MAX_REASONS) {
                break;
            }
            if (!c.feature().startsWith("detector.") && !c.feature().equals("card.compromised")) {
                reasons.add(
                        new Alert.Reason(
                                Alert.Reason.CONTRIBUTION, c.message(), c.value(), c.weight()));
            }
        }
        Instant now = Instant.now();
        Alert.Action action =
                result.decision == TransactionScore.Decision.DECLINE
                        ? Alert.Action.BLOCK
                        : Alert.Action.FLAG;
        out.collect(
                new Alert(
                        alertId(ruleVersion, tx.accountId(), tx.transactionId()),
                        tx.accountId(),
                        tx.transactionId(),
                        related(state, time, relatedWindowMs, tx.transactionId()),
                        tx.timestamp(),
                        now,
                        result.score,
                        severity,
                        action,
                        reasons,
                        versions,
                        late,
                        tx.terminalId(),
                        tx.merchantId(),
                        tx.amount(),
                        tx.currency()));
        alerts.inc();
        alertsByAction.get(action).inc();
        if (in.ingestTime > 0) {
            latency.update(Math.max(0, now.toEpochMilli() - in.ingestTime));
        }
        if (in.receivedAt > 0) {
            inJobLatency.update(Math.max(0, now.toEpochMilli() - in.receivedAt));
        }
    }

    private Map<String, Double> featureMap() {
        Map<String, Double> map = new TreeMap<>();
        for (int i = 0; i < features.length; i++) {
            if (!Double.isNaN(features[i])) {
                map.put(Feature.at(i).id(), features[i]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static double logit(double p) {
        double clipped = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
        return Math.round(Math.log(clipped / (1 - clipped)) * 1000) / 1000.0;
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
     * At most one cleanup timer per account, registered once and never moved: moving it on every
     * transaction cost a delete and an insert in the timer heap per record. When it fires for an
     * account seen since, it is re-registered at the account's current end of TTL (rounded up to
     * the hour), so an active account costs one timer operation per TTL, not one per transaction.
     */
    private void scheduleCleanup(AccountState state, ReadOnlyContext ctx, long activity) {
        if (activity > state.lastActivity) {
            state.lastActivity = activity;
        }
        if (state.cleanupTimer == AccountState.NONE) {
            state.cleanupTimer = cleanupDue(state);
            ctx.timerService().registerEventTimeTimer(state.cleanupTimer);
        }
    }

    /** When an idle account is forgotten: its TTL after its last transaction or verdict. */
    private long cleanupDue(AccountState state) {
        long last = state.lastActivity;
        if (state.verdicts.pendingCount > 0) {
            last = Math.max(last, state.verdicts.pendingTimes[state.verdicts.pendingCount - 1]);
        }
        return ((last + ttlMs) / HOUR_MS + 1) * HOUR_MS;
    }
}
