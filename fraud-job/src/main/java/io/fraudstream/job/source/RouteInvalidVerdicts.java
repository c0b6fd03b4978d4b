package io.fraudstream.job.source;

import io.fraudstream.events.Verdict;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes valid verdicts on and sends the rest to the same dead-letter side output as invalid
 * transactions ({@link RouteInvalidRecords#DEAD_LETTERS}), counting both.
 */
public final class RouteInvalidVerdicts extends ProcessFunction<VerdictRecord, Verdict> {

    private static final long serialVersionUID = 1L;

    private transient Counter verdicts;
    private transient Counter invalid;

    @Override
    public void open(OpenContext openContext) {
        verdicts = getRuntimeContext().getMetricGroup().counter("verdictsIn");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidVerdicts");
    }

    @Override
    public void processElement(VerdictRecord in, Context ctx, Collector<Verdict> out) {
        verdicts.inc();
        if (in.verdict != null) {
            out.collect(in.verdict);
        } else {
            invalid.inc();
            ctx.output(RouteInvalidRecords.DEAD_LETTERS, in.rejected);
        }
    }
}
