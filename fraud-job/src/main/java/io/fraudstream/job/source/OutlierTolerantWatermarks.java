package io.fraudstream.job.source;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that a few outliers cannot drag forward: the watermark
 * follows the {@code (tolerance + 1)}-th highest event time seen, not the highest. With tolerance
 * 2, one or two records stamped hours ahead of the rest (a producer with a wrong clock, a hostile
 * record inside the plausible range) leave event time where it is until the stream itself gets
 * there, so they can neither make the transactions after them late nor expire state early. In an
 * ordered stream the cost is a lag of {@code tolerance} records.
 *
 * <p>One generator per Kafka partition (the source runs per-split generators); records without an
 * event time ({@link Long#MIN_VALUE}, the invalid ones) are ignored. O(tolerance) per record.
 */
public final class OutlierTolerantWatermarks implements WatermarkGenerator<Ingested> {

    /** The highest event times seen, ascending; {@code highest[0]} is the one trusted. */
    private final long[] highest;

    private final long delayMs;

    public OutlierTolerantWatermarks(Duration outOfOrderness, int tolerance) {
        this.highest = new long[tolerance + 1];
        Arrays.fill(highest, Long.MIN_VALUE);
        this.delayMs = outOfOrderness.toMillis();
    }

    @Override
    public void onEvent(Ingested event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE || eventTimestamp <= highest[0]) {
            return;
        }
        int i = 0;
        while (i + 1 < highest.length && highest[i + 1] < eventTimestamp) {
            highest[i] = highest[i + 1];
            i++;
        }
        highest[i] = eventTimestamp;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long trusted = highest[0];
        // Emitted every period even when unchanged, as Flink's own generator does: emitting is
        // what marks a partition active again after the idleness wrapper marked it idle.
        output.emitWatermark(
                new Watermark(trusted == Long.MIN_VALUE ? Long.MIN_VALUE : trusted - delayMs - 1));
    }

    /**
     * The event time the watermark currently follows; {@link Long#MIN_VALUE} before enough records.
     */
    long trustedTime() {
        return highest[0];
    }
}
