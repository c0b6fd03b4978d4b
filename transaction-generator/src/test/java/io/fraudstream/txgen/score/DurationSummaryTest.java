package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DurationSummaryTest {

    @Test
    void nearestRankOfTenValues() {
        DurationSummary s = DurationSummary.of(new long[] {10, 3, 7, 1, 9, 2, 8, 4, 6, 5});

        assertThat(s.count()).isEqualTo(10);
        assertThat(s.p50()).isEqualTo(5); // rank 5
        assertThat(s.p90()).isEqualTo(9); // rank 9
        assertThat(s.p99()).isEqualTo(10); // rank ceil(9.9) = 10
        assertThat(s.p999()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(10);
    }

    @Test
    void nearestRankOfAThousandValuesNeedsNoRounding() {
        DurationSummary s = DurationSummary.of(LongStream.rangeClosed(1, 1000).toArray());

        assertThat(s.p50()).isEqualTo(500);
        assertThat(s.p90()).isEqualTo(900);
        assertThat(s.p99()).isEqualTo(990);
        assertThat(s.p999()).isEqualTo(999);
        assertThat(s.max()).isEqualTo(1000);
    }

    @Test
    void oneValueIsEveryPercentile() {
        DurationSummary s = DurationSummary.of(new long[] {-7});

        assertThat(s).isEqualTo(new DurationSummary(1, -7L, -7L, -7L, -7L, -7L));
    }

    @Test
    void nothingHasNoPercentiles() {
        assertThat(DurationSummary.of(new long[0]))
                .isEqualTo(new DurationSummary(0, null, null, null, null, null));
    }
}
