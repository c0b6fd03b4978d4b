package io.fraudstream.job.source;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid transactions on and sends records that failed to decode or carry an implausible
 * event time to the dead-letter side output, counting each kind. Chained to the source, so it costs
 * no serialization.
 */
public final class RouteInvalidRecords extends ProcessFunction<Ingested, Ingested> {

    private static final long serialVersionUID = 1L;

    /** Records that could not be decoded, with their dead letter and original key. */
    public static final OutputTag<Ingested> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(Ingested.class));

    private transient Counter records;
    private transient Counter invalid;
    private transient Counter implausibleTimes;

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getMetricGroup().counter("recordsIn");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidRecords");
        implausibleTimes = getRuntimeContext().getMetricGroup().counter("implausibleEventTimes");
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<Ingested> out) {
        records.inc();
        if (in.isValid()) {
            out.collect(in);
        } else {
            invalid.inc();
            if (in.implausibleTime) {
                implausibleTimes.inc();
            }
            ctx.output(DEAD_LETTERS, in);
        }
    }
}
