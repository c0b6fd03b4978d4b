package io.fraudstream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void aPerfectRankingScoresOneAndAReversedOneZero() {
        double[] scores = {0.1, 0.2, 0.8, 0.9};
        boolean[] fraud = {false, false, true, true};

        assertThat(RankingMetrics.auc(scores, fraud)).isEqualTo(1.0);
        assertThat(RankingMetrics.averagePrecision(scores, fraud)).isEqualTo(1.0);
        assertThat(RankingMetrics.auc(scores, new boolean[] {true, true, false, false})).isZero();
    }

    @Test
    void matchesHandComputedValuesWithTies() {
        // Ranked: 0.9 (fraud), 0.5 (genuine), 0.5 (fraud), 0.1 (genuine).
        double[] scores = {0.9, 0.5, 0.5, 0.1};
        boolean[] fraud = {true, false, true, false};

        // Pairs (fraud above genuine): 0.9>0.5, 0.9>0.1, 0.5=0.5 counts half, 0.5>0.1 → 3.5 of 4.
        assertThat(RankingMetrics.auc(scores, fraud)).isEqualTo(3.5 / 4);
        // Precision 1 at the first fraud; the tie group of two gives 2 of 3 at the second.
        assertThat(RankingMetrics.averagePrecision(scores, fraud))
                .isCloseTo((1 + 2 / 3.0) / 2, within(1e-12));
    }

    @Test
    void isUndefinedWithoutBothClasses() {
        assertThat(RankingMetrics.auc(new double[] {0.2}, new boolean[] {true})).isNaN();
        assertThat(RankingMetrics.averagePrecision(new double[] {0.2}, new boolean[] {false}))
                .isNaN();
    }
}
