package io.fraudstream.job.rules;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleEvaluator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of the dynamic keys: for every transaction, one {@link RuleTask} per rule that counts
 * it (enabled, its filter matching, every field of its key and the aggregated field present), keyed
 * by that rule's group ({@link #TASKS}), and the transaction itself on to its account with the
 * number of results to wait for and a sequence number to join them by. Transactions no rule counts
 * go on at once, waiting for nothing.
 *
 * <p>Sequence numbers are unique per subtask (its index in the top bits) and survive restarts (the
 * counter is checkpointed), so a result never joins the wrong transaction.
 */
public final class RuleRouter extends BroadcastProcessFunction<Ingested, RuleChange, CardInput>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleRouter.class);

    /** Transactions counted by a rule, for the rule's window. */
    public static final OutputTag<RuleTask> TASKS =
            new OutputTag<>("rule-tasks", TypeInformation.of(RuleTask.class));

    private transient Rules rules;
    private transient RuleEvaluator.Input input;
    private transient long prefix;
    private transient long counter;
    private transient ListState<Long> counters;
    private transient Counter tasks;

    @Override
    public void open(OpenContext openContext) {
        rules = new Rules();
        input = new RuleEvaluator.Input();
        prefix = (long) getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() << 44;
        tasks = getRuntimeContext().getMetricGroup().counter("ruleTasks");
    }

    @Override
    public void processElement(Ingested in, ReadOnlyContext ctx, Collector<CardInput> out)
            throws Exception {
        if (rules.stale()) {
            rules.rebuild(
                    ctx.getBroadcastState(Rules.STATE).immutableEntries(),
                    problem -> LOG.warn("rule skipped: {}", problem));
        }
        Transaction tx = in.transaction;
        Rule[] all = rules.all();
        int n = 0;
        long seq = 0;
        for (Rule rule : all) {
            if (!RuleEvaluator.input(rule, tx, input)) {
                continue;
            }
            String key = rule.key(tx);
            if (key == null) {
                continue;
            }
            if (n == 0) {
                seq = prefix | (++counter & ((1L << 44) - 1));
            }
            RuleTask task = new RuleTask();
            task.key = key;
            task.ruleId = rule.id();
            task.accountId = tx.accountId();
            task.transactionId = tx.transactionId();
            task.seq = seq;
            task.time = tx.timestamp().toEpochMilli();
            task.value = input.value;
            task.hash = input.hash;
            ctx.output(TASKS, task);
            n++;
        }
        tasks.inc(n);
        out.collect(CardInput.of(in, seq, n));
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<CardInput> out)
            throws Exception {
        if (change.deleted()) {
            ctx.getBroadcastState(Rules.STATE).remove(change.id);
        } else {
            ctx.getBroadcastState(Rules.STATE).put(change.id, change);
        }
        rules.invalidate();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counters.update(java.util.List.of(counter));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counters =
                context.getOperatorStateStore()
                        .getUnionListState(new ListStateDescriptor<>("sequence", Types.LONG));
        for (Long c : counters.get()) {
            counter = Math.max(counter, c);
        }
    }
}
