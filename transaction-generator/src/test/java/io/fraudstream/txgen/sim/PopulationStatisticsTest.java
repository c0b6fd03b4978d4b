package io.fraudstream.txgen.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Genuine traffic behaves like cardholders: profiles, places, channels, rhythm, hard negatives. */
class PopulationStatisticsTest {

    private static SimulatedStream stream;
    private static List<GeneratedRecord> genuine;

    @BeforeAll
    static void generateGenuineTraffic() {
        // 1,000 cards, about 50 days: enough transactions per card for per-card statistics.
        stream = SimulatedStream.of(SimulatedStream.settings(11), 200_000);
        genuine = stream.genuine();
    }

    @Test
    void everyTransactionIsGenuineWithoutFraud() {
        assertThat(genuine).hasSize(200_000);
    }

    @Test
    void amountsPerCardCentreOnTheCardsProfile() {
        Map<Integer, List<Double>> residuals = new HashMap<>();
        for (GeneratedRecord r : genuine) {
            Transaction tx = r.transaction();
            if (tx.channel() == Transaction.Channel.ATM) {
                continue;
            }
            double residual =
                    Math.log(tx.amount().doubleValue())
                            - Population.logPriceLevel(tx.mcc())
                            - stream.population.mu(r.account());
            residuals.computeIfAbsent(r.account(), a -> new ArrayList<>()).add(residual);
        }
        int cards = 0;
        int near = 0;
        double pooledSum = 0;
        double pooledSquares = 0;
        double sigmaSum = 0;
        long n = 0;
        for (Map.Entry<Integer, List<Double>> card : residuals.entrySet()) {
            List<Double> values = card.getValue();
            if (values.size() < 40) {
                continue;
            }
            double sigma = stream.population.sigma(card.getKey());
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            cards++;
            // Three standard errors plus the small shift of genuine bursts and big purchases.
            if (Math.abs(mean) <= 3 * sigma / Math.sqrt(values.size()) + 0.06) {
                near++;
            }
            for (double v : values) {
                pooledSum += v;
                pooledSquares += v * v;
                sigmaSum += sigma;
                n++;
            }
        }
        double pooledMean = pooledSum / n;
        double pooledSd = Math.sqrt(pooledSquares / n - pooledMean * pooledMean);

        assertThat(cards).isGreaterThan(500);
        assertThat(near / (double) cards).isGreaterThanOrEqualTo(0.97);
        assertThat(pooledMean).isBetween(-0.05, 0.05);
        // Spread of log-amounts matches the cards' sigma, widened a little by the hard negatives.
        assertThat(pooledSd / (sigmaSum / n)).isBetween(0.95, 1.25);
    }

    @Test
    void cardPresentTransactionsAreMostlyNearHome() {
        long cardPresent = 0;
        long within30Km = 0;
        for (GeneratedRecord r : genuine) {
            Transaction tx = r.transaction();
            if (!tx.cardPresent()) {
                continue;
            }
            cardPresent++;
            double km =
                    Geo.distanceKm(
                            stream.population.homeLat(r.account()),
                            stream.population.homeLon(r.account()),
                            tx.lat(),
                            tx.lon());
            if (km <= 30) {
                within30Km++;
            }
        }
        assertThat(within30Km / (double) cardPresent).isGreaterThan(0.9);
    }

    @Test
    void everyChannelAppearsAndOnlyCardPresentOnesHaveCoordinates() {
        Map<Transaction.Channel, Long> byChannel = new HashMap<>();
        for (GeneratedRecord r : genuine) {
            Transaction tx = r.transaction();
            byChannel.merge(tx.channel(), 1L, Long::sum);
            assertThat(tx.channel()).isNotNull();
            assertThat(tx.currency()).isEqualTo("EUR");
            assertThat(tx.amount().scale()).isEqualTo(2);
            assertThat(tx.amount()).isGreaterThan(BigDecimal.ZERO);
            assertThat(tx.merchantId()).isNotNull();
            assertThat(tx.terminalId()).isNotNull();
            assertThat(tx.mcc()).isNotNull();
            assertThat(tx.country()).isNotNull();
            if (tx.cardPresent()) {
                assertThat(tx.hasLocation()).isTrue();
            } else {
                assertThat(tx.lat()).isNull();
                assertThat(tx.lon()).isNull();
            }
            if (tx.channel() == Transaction.Channel.ATM) {
                assertThat(tx.mcc()).isEqualTo("6011");
                assertThat(tx.amount().remainder(BigDecimal.TEN).signum()).isZero();
            }
        }
        double total = genuine.size();
        assertThat(byChannel.get(Transaction.Channel.POS) / total).isBetween(0.55, 0.85);
        assertThat(byChannel.get(Transaction.Channel.ECOM) / total).isBetween(0.15, 0.4);
        assertThat(byChannel.get(Transaction.Channel.ATM) / total).isBetween(0.01, 0.1);
    }

    @Test
    void moreHappensByDayThanByNight() {
        long day = 0;
        long night = 0;
        for (GeneratedRecord r : genuine) {
            int localHour = (int) ((SimulatedStream.millis(r) / 3_600_000 + 1) % 24);
            if (localHour >= 10 && localHour < 19) {
                day++;
            } else if (localHour >= 1 && localHour < 5) {
                night++;
            }
        }
        double dayPerHour = day / 9.0;
        double nightPerHour = night / 4.0;
        assertThat(dayPerHour / nightPerHour).isGreaterThan(5);
    }

    @Test
    void timestampsFollowTheSimulatedClockInOrder() {
        long previous = Long.MIN_VALUE;
        for (GeneratedRecord r : genuine) {
            assertThat(SimulatedStream.millis(r)).isGreaterThanOrEqualTo(previous);
            previous = SimulatedStream.millis(r);
        }
        long first = SimulatedStream.millis(genuine.get(0));
        assertThat(first)
                .isGreaterThanOrEqualTo(stream.simulator.settings().start().toEpochMilli());
    }

    @Test
    void genuineTrafficHasHardNegatives() {
        long big = 0;
        long tiny = 0;
        for (GeneratedRecord r : genuine) {
            double amount = SimulatedStream.amount(r);
            if (amount >= 4 * stream.population.typicalAmount(r.account())
                    && r.transaction().channel() != Transaction.Channel.ATM) {
                big++;
            }
            if (amount < 2) {
                tiny++;
            }
        }
        assertThat(big).as("genuine purchases of 4x the usual amount").isGreaterThan(100);
        assertThat(tiny).as("genuine purchases under 2.00").isGreaterThan(100);
        assertThat(burstsOfFiveWithinHalfAnHour())
                .as("cards with 5 purchases in 30 min")
                .isGreaterThan(20);
        assertThat(tripsAbroad()).as("genuine trips over 300 km").isGreaterThan(20);
    }

    @Test
    void genuineCardPresentTravelIsAlwaysPossible() {
        Map<Integer, Transaction> lastPresent = new HashMap<>();
        for (GeneratedRecord r : genuine) {
            Transaction tx = r.transaction();
            if (!tx.cardPresent()) {
                continue;
            }
            Transaction previous = lastPresent.put(r.account(), tx);
            if (previous == null) {
                continue;
            }
            double km = SimulatedStream.km(previous, tx);
            double hours =
                    (tx.timestamp().toEpochMilli() - previous.timestamp().toEpochMilli())
                            / 3_600_000.0;
            if (km > 100) {
                assertThat(km / hours).as("km/h from %s to %s", previous, tx).isLessThan(900);
            }
        }
    }

    private long burstsOfFiveWithinHalfAnHour() {
        Map<Integer, List<Long>> times = new HashMap<>();
        for (GeneratedRecord r : genuine) {
            times.computeIfAbsent(r.account(), a -> new ArrayList<>())
                    .add(SimulatedStream.millis(r));
        }
        return times.values().stream()
                .filter(
                        t -> {
                            for (int i = 4; i < t.size(); i++) {
                                if (t.get(i) - t.get(i - 4) <= 30 * 60_000) {
                                    return true;
                                }
                            }
                            return false;
                        })
                .count();
    }

    private long tripsAbroad() {
        Map<Integer, Transaction> lastPresent = new HashMap<>();
        long trips = 0;
        for (GeneratedRecord r : genuine) {
            Transaction tx = r.transaction();
            if (tx.cardPresent()) {
                Transaction previous = lastPresent.put(r.account(), tx);
                if (previous != null && SimulatedStream.km(previous, tx) > 300) {
                    trips++;
                }
            }
        }
        return trips;
    }
}
