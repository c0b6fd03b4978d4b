package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.txgen.score.ScoreReport.CardPrecisionAtK;
import io.fraudstream.txgen.score.ScoreReport.Day;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CardPrecisionPropertiesTest extends ScoringTestBase {

    /** Few cards, days and score values, so that ties, repeats and removals are common. */
    record World(List<Alert> alerts, List<GroundTruth> frauds) {

        static World random(long seed) {
            Random r = new Random(seed);
            List<Alert> alerts = new ArrayList<>();
            List<GroundTruth> frauds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String card = "card-" + r.nextInt(8);
                Instant at = DAY_1.plus(Duration.ofHours(r.nextInt(5 * 24)));
                if (r.nextBoolean()) {
                    alerts.add(alert("a" + i, card, "t" + i, at, r.nextInt(4) / 4.0));
                } else {
                    frauds.add(fraud("t" + i, card, at, "s"));
                }
            }
            return new World(alerts, frauds);
        }
    }

    @Property(tries = 300)
    void eachCompromisedCardCountsAtMostOnceOverTheRange(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int k) {
        World w = World.random(seed);

        CardPrecisionAtK cp = cardPrecision(w.alerts(), w.frauds(), k);

        long compromisedCards = w.frauds().stream().map(GroundTruth::accountId).distinct().count();
        assertThat(cp.days().stream().mapToInt(Day::hits).sum())
                .isLessThanOrEqualTo((int) compromisedCards);
        for (Day day : cp.days()) {
            assertThat(day.ranked()).isLessThanOrEqualTo(k);
            assertThat(day.hits()).isLessThanOrEqualTo(Math.min(day.ranked(), day.compromised()));
            assertThat(day.cardPrecision()).isEqualTo((double) day.hits() / k);
        }
    }

    @Property(tries = 300)
    void theOrderOfAlertsDoesNotMatter(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int k) {
        World w = World.random(seed);
        List<Alert> shuffled = new ArrayList<>(w.alerts());
        Collections.shuffle(shuffled, new Random(seed + 1));

        assertThat(cardPrecision(shuffled, w.frauds(), k))
                .isEqualTo(cardPrecision(w.alerts(), w.frauds(), k));
    }

    private static CardPrecisionAtK cardPrecision(
            List<Alert> alerts, List<GroundTruth> frauds, int k) {
        return score(
                        alerts,
                        frauds,
                        new ScoreSettings(
                                k,
                                null,
                                null,
                                ScoreSettings.DEFAULT_CARD_GRACE,
                                LatencyClock.DETECTED_AT))
                .cardPrecision();
    }
}
