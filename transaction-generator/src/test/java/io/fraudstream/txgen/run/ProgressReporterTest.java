package io.fraudstream.txgen.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLineShowsSentRateErrorsElapsedAndTimeLeft() {
        ProgressReporter.Target count = new ProgressReporter.Target(150_000, Long.MAX_VALUE, null);

        assertThat(ProgressReporter.line(50_000, 5_000.4, 2, 10 * SECOND, count))
                .isEqualTo("sent 50,000  rate 5,000/s  errors 2  elapsed 0:10  ETA 0:20");
    }

    @Test
    void theTimeLeftComesFromTheCountTheDurationOrTheInputRead() {
        assertThat(
                        ProgressReporter.eta(
                                100,
                                10 * SECOND,
                                new ProgressReporter.Target(400, Long.MAX_VALUE, null)))
                .isEqualTo(30 * SECOND);
        assertThat(
                        ProgressReporter.eta(
                                100,
                                10 * SECOND,
                                new ProgressReporter.Target(Long.MAX_VALUE, 25 * SECOND, null)))
                .isEqualTo(15 * SECOND);
        assertThat(
                        ProgressReporter.eta(
                                100,
                                10 * SECOND,
                                new ProgressReporter.Target(
                                        Long.MAX_VALUE, Long.MAX_VALUE, () -> 0.25)))
                .isEqualTo(30 * SECOND);
        assertThat(
                        ProgressReporter.eta(
                                100,
                                10 * SECOND,
                                new ProgressReporter.Target(
                                        Long.MAX_VALUE, Long.MAX_VALUE, () -> Double.NaN)))
                .isEqualTo(-1);
        assertThat(
                        ProgressReporter.line(
                                1,
                                1,
                                0,
                                SECOND,
                                new ProgressReporter.Target(Long.MAX_VALUE, Long.MAX_VALUE, null)))
                .doesNotContain("ETA");
    }

    @Test
    void clockReadsLikeAStopwatch() {
        assertThat(ProgressReporter.clock(7 * SECOND)).isEqualTo("0:07");
        assertThat(ProgressReporter.clock(754 * SECOND)).isEqualTo("12:34");
        assertThat(ProgressReporter.clock(3723 * SECOND)).isEqualTo("1:02:03");
    }
}
