package io.fraudstream.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    @Test
    void fixedWritesNumbersExactlyAsFormatDoes() {
        SplittableRandom random = new SplittableRandom(5);
        double[] special = {
            0,
            -0.0,
            0.005,
            0.015,
            0.125,
            1.005,
            2.675,
            0.45,
            0.05,
            1e-9,
            123456789.995,
            1e17,
            -1.005,
            -2.5,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE
        };
        for (int d = 0; d <= 2; d++) {
            for (double v : special) {
                assertThat(Explainer.fixed(v, d))
                        .as("%s, %d decimals", v, d)
                        .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
            for (int i = 0; i < 20_000; i++) {
                // amounts in cents and half-cents (the ties), ratios, and arbitrary doubles
                double v =
                        switch (i % 3) {
                            case 0 -> random.nextInt(0, 10_000_000) / 200.0;
                            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-3, 9));
                            default -> random.nextDouble(-1e4, 1e4);
                        };
                assertThat(Explainer.fixed(v, d))
                        .as("%s, %d decimals", v, d)
                        .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
        }
    }
}
