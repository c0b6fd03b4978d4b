package io.fraudstream.job.rules;

import io.fraudstream.events.RuleHit;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleEvaluator;
import io.fraudstream.model.rules.RuleWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' windows, keyed by rule group ({@code rule id ␟ field values}): each {@link RuleTask}
 * is added to its group's {@link RuleWindow} and evaluated with {@link RuleEvaluator}, the code the
 * backtest runs. Every task is answered, hit or not, so its transaction knows when all its results
 * are in: an ACTIVE hit goes back with its reason, a SHADOW hit only to {@link #HITS} (where every
 * hit is published) and the metrics. A task of a rule this operator does not (or no longer) runs is
 * answered with no hit.
 *
 * <p>State is one window per group, cleaned up by an event-time timer once nothing in it can count
 * (window and cooldown past its newest transaction), and at once for every group of a deleted rule.
 * A new version of a rule keeps its groups' windows when function, field and window length are
 * unchanged ({@link RuleEvaluator#fits}), and starts them afresh otherwise.
 */
public final class RuleWindows
        extends KeyedBroadcastProcessFunction<String, RuleTask, RuleChange, CardInput> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleWindows.class);

    /** Every hit, active and shadow, for the hits topic. */
    public static final OutputTag<RuleHit> HITS =
            new OutputTag<>("rule-hits", TypeInformation.of(RuleHit.class));

    static final ValueStateDescriptor<RuleWindow> WINDOW =
            new ValueStateDescriptor<>("window", TypeInformation.of(RuleWindow.class));

    private transient ValueState<RuleWindow> windows;
    private transient Rules rules;
    private transient RuleEvaluator.Input input;
    private transient MetricGroup metrics;
    private transient Map<String, Counter[]> hitCounters;
    private transient Counter evaluations;
    private transient Counter unknownRules;
    private transient Counter groupsCleaned;

    @Override
    public void open(OpenContext openContext) {
        windows = getRuntimeContext().getState(WINDOW);
        rules = new Rules();
        input = new RuleEvaluator.Input();
        metrics = getRuntimeContext().getMetricGroup();
        hitCounters = new HashMap<>();
        evaluations = metrics.counter("ruleEvaluations");
        unknownRules = metrics.counter("ruleTasksOfUnknownRules");
        groupsCleaned = metrics.counter("ruleGroupsCleaned");
    }

    @Override
    public void processElement(RuleTask task, ReadOnlyContext ctx, Collector<CardInput> out)
            throws Exception {
        Rule rule = rule(task.ruleId, ctx);
        if (rule == null) {
            unknownRules.inc();
            out.collect(CardInput.ruleResult(task.accountId, task.seq, null));
            return;
        }
        evaluations.inc();
        RuleWindow window = windows.value();
        if (window == null || !RuleEvaluator.fits(rule, window)) {
            window = RuleEvaluator.newWindow(rule);
            ctx.timerService().registerEventTimeTimer(task.time + retention(rule));
        }
        input.value = task.value;
        input.hash = task.hash;
        double aggregate = RuleEvaluator.apply(rule, window, task.time, input);
        boolean hit = RuleEvaluator.hit(rule, window, task.time, aggregate);
        windows.update(window);
        RuleResult result = null;
        if (hit) {
            boolean shadow = rule.mode() == Rule.Mode.SHADOW;
            String message = RuleEvaluator.message(rule, aggregate);
            counters(rule.id())[shadow ? 1 : 0].inc();
            ctx.output(
                    HITS,
                    new RuleHit(
                            rule.id(),
                            rule.version(),
                            shadow,
                            task.transactionId,
                            task.accountId,
                            Instant.ofEpochMilli(task.time),
                            aggregate,
                            rule.threshold(),
                            message));
            if (!shadow) {
                result = RuleResult.hit(rule, aggregate, message);
            }
        }
        out.collect(CardInput.ruleResult(task.accountId, task.seq, result));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CardInput> out)
            throws Exception {
        RuleWindow window = windows.value();
        if (window == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        int end = key.indexOf(Rule.KEY_SEPARATOR);
        Rule rule = rule(end < 0 ? key : key.substring(0, end), ctx);
        if (rule == null || !RuleEvaluator.fits(rule, window)) {
            windows.clear();
            groupsCleaned.inc();
            return;
        }
        long due = window.newest + retention(rule);
        if (window.lastHit != Long.MIN_VALUE) {
            due = Math.max(due, window.lastHit + retention(rule));
        }
        if (due <= timestamp) {
            windows.clear();
            groupsCleaned.inc();
        } else {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<CardInput> out)
            throws Exception {
        if (change.deleted()) {
            ctx.getBroadcastState(Rules.STATE).remove(change.id);
            String prefix = change.id + Rule.KEY_SEPARATOR;
            ctx.applyToKeyedState(
                    WINDOW,
                    (key, state) -> {
                        if (key.startsWith(prefix) && state.value() != null) {
                            state.clear();
                            groupsCleaned.inc();
                        }
                    });
        } else {
            ctx.getBroadcastState(Rules.STATE).put(change.id, change);
        }
        rules.invalidate();
    }

    private Rule rule(String id, ReadOnlyContext ctx) throws Exception {
        if (rules.stale()) {
            rules.rebuild(
                    ctx.getBroadcastState(Rules.STATE).immutableEntries(),
                    problem -> LOG.warn("rule skipped: {}", problem));
        }
        return rules.get(id);
    }

    /** How long after its newest transaction (or hit) a group's window still matters. */
    private static long retention(Rule rule) {
        long ms = rule.window().toMillis();
        if (rule.cooldown() != null) {
            ms = Math.max(ms, rule.cooldown().toMillis());
        }
        return ms;
    }

    private Counter[] counters(String id) {
        return hitCounters.computeIfAbsent(
                id,
                rule -> {
                    MetricGroup group = metrics.addGroup("rule", rule);
                    return new Counter[] {group.counter("activeHits"), group.counter("shadowHits")};
                });
    }
}
