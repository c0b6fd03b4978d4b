package io.fraudstream.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class OutlierTolerantWatermarksTest {

    private static final long T0 = 1_764_583_200_000L; // 2025-12-01T10:00:00Z
    private static final long HOUR = 3_600_000L;

    private final Recording output = new Recording();

    @Test
    void oneOrTwoOutliersDoNotMoveTheWatermarkButThreeRecordsDo() {
        OutlierTolerantWatermarks watermarks =
                new OutlierTolerantWatermarks(Duration.ofSeconds(5), 2);
        ordered(watermarks, T0, 10);
        assertThat(emit(watermarks)).isEqualTo(T0 + 7000 - 5000 - 1);

        watermarks.onEvent(null, T0 + 1000 * HOUR, output);
        watermarks.onEvent(null, T0 + 2000 * HOUR, output);
        assertThat(emit(watermarks))
                .as("at most up to the stream's own newest record, not towards the outliers")
                .isEqualTo(T0 + 9000 - 5000 - 1);

        watermarks.onEvent(null, T0 + 3000 * HOUR, output);
        assertThat(emit(watermarks)).isEqualTo(T0 + 1000 * HOUR - 5000 - 1);
    }

    @Test
    void anOrderedStreamLagsByTheToleratedRecordsOnly() {
        OutlierTolerantWatermarks watermarks =
                new OutlierTolerantWatermarks(Duration.ofSeconds(5), 2);
        ordered(watermarks, T0, 100);

        assertThat(emit(watermarks)).isEqualTo(T0 + 97_000 - 5000 - 1);
    }

    @Test
    void withoutToleranceItIsFlinksBoundedOutOfOrderness() {
        OutlierTolerantWatermarks watermarks =
                new OutlierTolerantWatermarks(Duration.ofSeconds(5), 0);
        watermarks.onEvent(null, T0, output);
        watermarks.onEvent(null, T0 - 60_000, output);

        assertThat(emit(watermarks)).isEqualTo(T0 - 5000 - 1);
    }

    @Test
    void outOfOrderRecordsBelowTheTopAreIgnoredAndRecordsWithoutTimeDoNotCount() {
        OutlierTolerantWatermarks watermarks = new OutlierTolerantWatermarks(Duration.ZERO, 1);
        watermarks.onEvent(null, T0 + 10, output);
        watermarks.onEvent(null, Long.MIN_VALUE, output);
        assertThat(emit(watermarks)).isEqualTo(Long.MIN_VALUE);

        watermarks.onEvent(null, T0 + 5, output);
        assertThat(emit(watermarks)).isEqualTo(T0 + 4);
        watermarks.onEvent(null, T0 + 1, output);
        assertThat(emit(watermarks)).isEqualTo(T0 + 4);
        watermarks.onEvent(null, T0 + 20, output);
        assertThat(emit(watermarks)).isEqualTo(T0 + 9);
    }

    private void ordered(OutlierTolerantWatermarks watermarks, long start, int count) {
        for (int i = 0; i < count; i++) {
            watermarks.onEvent(null, start + 1000L * i, output);
        }
    }

    private long emit(OutlierTolerantWatermarks watermarks) {
        watermarks.onPeriodicEmit(output);
        return output.watermarks.get(output.watermarks.size() - 1);
    }

    private static final class Recording implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
