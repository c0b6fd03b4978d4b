package io.fraudstream.model.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.model.features.Feature;
import org.junit.jupiter.api.Test;

class EntityHistoryTest {

    private static final long TODAY = 20_000; // an epoch day
    private static final int DELAY = 7;

    private final double[] x = new double[EntityHistory.FEATURES];

    @Test
    void anEntityWithoutAKnownFraudIsNotRiskyWhateverItsVolume() {
        EntityHistory history = new EntityHistory();
        for (int d = 0; d < 30; d++) {
            history.addTransaction(TODAY - d);
        }

        history.features(TODAY, DELAY, x, 0);

        assertThat(x[0]).isNaN();
        assertThat(x[3]).isZero();
        assertThat(x[7]).isZero();
        assertThat(x[9]).isNaN();
    }

    @Test
    void countsUseCompleteDaysAndFraudsIncludeToday() {
        EntityHistory history = new EntityHistory();
        history.addTransaction(TODAY); // today's do not count: the day is not complete
        history.addTransaction(TODAY - 1);
        history.addTransaction(TODAY - 1);
        history.addTransaction(TODAY - 7);
        history.addTransaction(TODAY - 8); // outside 7 days
        history.addTransaction(TODAY - 30);
        history.addFraud(TODAY, 1);
        history.addFraud(TODAY - 6, 2);
        history.addFraud(TODAY - 29, 3);
        history.addFraud(TODAY - 30, 4); // outside 30 days

        history.features(TODAY, DELAY, x, 0);

        assertThat(x[0]).isEqualTo(2); // yesterday
        assertThat(x[1]).isEqualTo(3); // days -7 .. -1
        assertThat(x[2]).isEqualTo(5); // days -30 .. -1
        assertThat(x[3]).isEqualTo(1);
        assertThat(x[4]).isEqualTo(2);
        assertThat(x[5]).isEqualTo(3);
        assertThat(x[9]).isZero(); // a fraud today
    }

    @Test
    void fraudSharesCoverOnlyTheDaysBeforeTheLabelDelay() {
        EntityHistory history = new EntityHistory();
        long known = TODAY - DELAY - 1; // the newest day whose labels can be known
        for (int i = 0; i < 4; i++) {
            history.addTransaction(known);
        }
        history.addFraud(known, 11);
        for (int i = 0; i < 6; i++) {
            history.addTransaction(known - 6);
        }
        history.addFraud(known - 6, 12);
        history.addFraud(known - 6, 13);
        // A fraud inside the delay counts in the recent frauds, not in any share.
        history.addTransaction(TODAY - 2);
        history.addFraud(TODAY - 2, 14);

        history.features(TODAY, DELAY, x, 0);

        assertThat(x[6]).isEqualTo(1 / 4.0);
        assertThat(x[7]).isEqualTo(3 / 10.0);
        assertThat(x[8]).isEqualTo(3 / 10.0);
        assertThat(x[9]).isEqualTo(2);
    }

    @Test
    void aRepeatedVerdictOnOneTransactionCountsOnce() {
        EntityHistory history = new EntityHistory();

        assertThat(history.addFraud(TODAY, 42)).isTrue();
        assertThat(history.addFraud(TODAY, 42)).isFalse();
        assertThat(history.frauds(TODAY, TODAY)).isEqualTo(1);
    }

    @Test
    void theWindowRollsForwardAndForgetsOldDays() {
        EntityHistory history = new EntityHistory();
        history.addTransaction(TODAY - 100);
        history.addFraud(TODAY - 100, 1);
        history.addTransaction(TODAY);

        assertThat(history.transactions(TODAY - 200, TODAY)).isEqualTo(1);
        assertThat(history.hasFraudSince(TODAY - EntityHistory.DAYS + 1)).isFalse();
        assertThat(history.addFraud(TODAY - EntityHistory.DAYS, 2))
                .as("a day outside the window")
                .isFalse();
    }

    @Test
    void aCopyIsIndependent() {
        EntityHistory history = new EntityHistory();
        history.addFraud(TODAY, 1);
        EntityHistory copy = history.copy();

        history.addFraud(TODAY, 2);

        assertThat(copy.frauds(TODAY, TODAY)).isEqualTo(1);
        assertThat(history.frauds(TODAY, TODAY)).isEqualTo(2);
    }

    @Test
    void theBlocksMatchTheFeatureLayout() {
        assertThat(Feature.MERCHANT_OFFSET - Feature.TERMINAL_OFFSET)
                .isEqualTo(EntityHistory.FEATURES);
        assertThat(Feature.COUNT - Feature.MERCHANT_OFFSET).isEqualTo(EntityHistory.FEATURES);
        assertThat(Feature.at(Feature.TERMINAL_OFFSET + 7).id())
                .isEqualTo("terminal.fraudShare.7d");
        assertThat(Feature.at(Feature.MERCHANT_OFFSET + 9).id())
                .isEqualTo("merchant.daysSinceFraud");
    }
}
