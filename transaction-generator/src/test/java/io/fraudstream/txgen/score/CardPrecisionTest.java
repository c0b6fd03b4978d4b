package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.events.Alert;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.Day;
import io.fraudstream.txgen.score.ScoreReport.Week;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardPrecisionTest extends ScoringTestBase {

    static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    static final LocalDate D2 = LocalDate.of(2026, 3, 2);
    static final LocalDate D3 = LocalDate.of(2026, 3, 3);
    static final LocalDate D4 = LocalDate.of(2026, 3, 4);

    /*
     * k = 2.
     * Day 1: A 0.9 (also 0.3; compromised), B 0.8, C 0.8 (compromised). B ties C and wins on id.
     *   Top {A, B}: 1 hit -> 0.5. A is detected from now on.
     * Day 2: A 0.95 (compromised again, but detected: dropped), D 0.75, B 0.72, C 0.7
     *   (compromised), E compromised without alert. Top {D, B}: 0 hits -> 0.0. Without the drop
     *   it would be {A, D} -> 0.5.
     * Day 3: only C alerted, 0.2 (compromised); E compromised without alert. Top {C}, 1 hit,
     *   fewer than k ranked: 1 / 2 = 0.5.
     * Mean (0.5 + 0 + 0.5) / 3.
     */
    static final List<Alert> ALERTS =
            List.of(
                    alert("A-1", "A", "ta1", at(DAY_1, "09:00:00"), 0.9),
                    alert("A-1b", "A", "ta2", at(DAY_1, "23:59:59"), 0.3),
                    alert("B-1", "B", "tb1", at(DAY_1, "10:00:00"), 0.8),
                    alert("C-1", "C", "tc1", at(DAY_1, "11:00:00"), 0.8),
                    alert("A-2", "A", "ta3", at(DAY_2, "09:00:00"), 0.95),
                    alert("D-2", "D", "td2", at(DAY_2, "09:00:00"), 0.75),
                    alert("B-2", "B", "tb2", at(DAY_2, "09:00:00"), 0.72),
                    alert("C-2", "C", "tc2", at(DAY_2, "09:00:00"), 0.7),
                    alert("C-3", "C", "tc3", at(DAY_3, "00:00:00"), 0.2));

    static final List<GroundTruth> LABELS =
            List.of(
                    fraud("ta1", "A", at(DAY_1, "09:00:00"), "compromised-card"),
                    fraud("tc0", "C", at(DAY_1, "08:00:00"), "compromised-card"),
                    fraud("ta3", "A", at(DAY_2, "09:00:00"), "compromised-card"),
                    fraud("tc2", "C", at(DAY_2, "09:00:00"), "compromised-card"),
                    fraud("te2", "E", at(DAY_2, "12:00:00"), "compromised-card"),
                    fraud("tc3", "C", at(DAY_3, "00:00:00"), "compromised-card"),
                    fraud("te3", "E", at(DAY_3, "12:00:00"), "compromised-card"),
                    genuine("tb1", "B", at(DAY_1, "10:00:00")));

    static CardPrecisionAtK cardPrecision(LocalDate from, LocalDate to) {
        return score(
                        ALERTS,
                        LABELS,
                        new ScoreSettings(
                                2,
                                from,
                                to,
                                ScoreSettings.DEFAULT_CARD_GRACE,
                                LatencyClock.DETECTED_AT))
                .cardPrecision();
    }

    @Test
    void ranksCardsPerDayAndDropsCardsDetectedEarlier() {
        CardPrecisionAtK cp = cardPrecision(null, null);

        assertThat(cp.k()).isEqualTo(2);
        assertThat(cp.from()).isEqualTo(D1);
        assertThat(cp.to()).isEqualTo(D3);
        assertThat(cp.days())
                .containsExactly(
                        new Day(D1, 2, 2, 1, 0.5),
                        new Day(D2, 2, 2, 0, 0.0),
                        new Day(D3, 1, 2, 1, 0.5));
        assertThat(cp.mean()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void averagesPerIsoWeek() {
        assertThat(cardPrecision(null, null).weeks())
                .containsExactly(
                        new Week("2026-W09", D1, D1, 1, 0.5),
                        new Week("2026-W10", D2, D3, 2, 0.25));
    }

    @Test
    void theRangeStartsWithNothingDetected() {
        CardPrecisionAtK cp = cardPrecision(D2, D3);

        // A was detected on day 1, outside the range: on day 2 it ranks first and hits.
        assertThat(cp.days()).containsExactly(new Day(D2, 2, 3, 1, 0.5), new Day(D3, 1, 2, 1, 0.5));
        assertThat(cp.mean()).isEqualTo(0.5);
    }

    @Test
    void everyDayOfTheRangeCountsEvenWithoutAlerts() {
        CardPrecisionAtK cp = cardPrecision(D1, D4);

        assertThat(cp.days()).hasSize(4).last().isEqualTo(new Day(D4, 0, 0, 0, 0.0));
        assertThat(cp.mean()).isEqualTo(0.25); // (0.5 + 0 + 0.5 + 0) / 4
    }

    @Test
    void aRangeOfOneDay() {
        CardPrecisionAtK cp = cardPrecision(D3, D3);

        assertThat(cp.days()).containsExactly(new Day(D3, 1, 2, 1, 0.5));
        assertThat(cp.weeks()).containsExactly(new Week("2026-W10", D3, D3, 1, 0.5));
    }

    @Test
    void noDataNoDays() {
        CardPrecisionAtK cp = score(List.of(), List.of()).cardPrecision();

        assertThat(cp.days()).isEmpty();
        assertThat(cp.mean()).isNull();
        assertThat(cp.from()).isNull();
    }

    @Test
    void daysAreUtcDaysOfTheAlertEventTime() {
        List<Alert> alerts = List.of(alert("x", "X", "tx", at(DAY_1, "23:59:59.999"), 0.5));
        List<GroundTruth> labels = List.of(fraud("tx", "X", at(DAY_1, "23:59:59.999"), "s"));

        CardPrecisionAtK cp =
                score(
                                alerts,
                                labels,
                                new ScoreSettings(
                                        1,
                                        null,
                                        null,
                                        ScoreSettings.DEFAULT_CARD_GRACE,
                                        LatencyClock.DETECTED_AT))
                        .cardPrecision();

        assertThat(cp.days()).containsExactly(new Day(D1, 1, 1, 1, 1.0));
    }

    @Test
    void isoWeeksCrossYears() {
        assertThat(CardPrecision.isoWeek(LocalDate.of(2021, 1, 3))).isEqualTo("2020-W53");
        assertThat(CardPrecision.isoWeek(LocalDate.of(2018, 4, 1))).isEqualTo("2018-W13");
        assertThat(CardPrecision.isoWeek(LocalDate.of(2018, 4, 2))).isEqualTo("2018-W14");
    }
}
