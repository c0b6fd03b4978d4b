package io.fraudstream.model.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardActivityTest {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 20_000 * DAY + 12 * HOUR;

    private final double[] sum = new double[1];

    @Test
    void theLastDayIsExactToTheHour() {
        CardActivity activity = new CardActivity();
        activity.add(T0 - 23 * HOUR, 10); // in the window (h - 23)
        activity.add(T0 - 24 * HOUR, 20); // just out (h - 24)
        activity.add(T0, 5);

        assertThat(activity.lastDay(T0, sum)).isEqualTo(2);
        assertThat(sum[0]).isEqualTo(15);
        assertThat(activity.lastDay(T0 + HOUR / 2, sum)).as("same hour").isEqualTo(2);
        assertThat(activity.lastDay(T0 + HOUR, sum)).as("the oldest hour left").isEqualTo(1);
        assertThat(activity.lastDay(T0 + 23 * HOUR, sum)).as("only T0's hour left").isEqualTo(1);
    }

    @Test
    void daysCountWholeDaysEndingToday() {
        CardActivity activity = new CardActivity();
        activity.add(T0 - 6 * DAY, 1);
        activity.add(T0 - 7 * DAY, 2);
        activity.add(T0 - 29 * DAY, 4);
        activity.add(T0 - 30 * DAY, 8);

        assertThat(activity.lastDays(T0, 7, sum)).isEqualTo(1);
        assertThat(activity.lastDays(T0, 30, sum)).isEqualTo(3);
        assertThat(sum[0]).isEqualTo(7);
    }

    @Test
    void aTransactionOlderThanTheRingDoesNotCount() {
        CardActivity activity = new CardActivity();
        activity.add(T0, 1);
        activity.add(T0 - 40 * DAY, 100);

        assertThat(activity.lastDays(T0, 30, sum)).isEqualTo(1);
        assertThat(activity.lastDay(T0, sum)).isEqualTo(1);
    }
}
