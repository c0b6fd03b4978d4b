package io.fraudstream.txgen.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.txgen.Scenario;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fraud is injected at the requested rate, split across the requested scenarios. */
class FraudInjectionTest {

    private static final int RECORDS = 400_000;

    /**
     * Relative tolerance per scenario: about 3.5 standard deviations of the fraud count over
     * 400,000 transactions at 5 % fraud, which varies with the incident sizes (a skimmed terminal
     * brings 10 to 40 frauds at once, an impossible trip one to three).
     */
    private static final Map<Scenario, Double> TOLERANCE =
            Map.of(
                    Scenario.CARD_TESTING, 0.13,
                    Scenario.COMPROMISED_CARD, 0.15,
                    Scenario.COMPROMISED_TERMINAL, 0.30,
                    Scenario.IMPOSSIBLE_TRAVEL, 0.09,
                    Scenario.VELOCITY_BURST, 0.18);

    @Test
    void eachScenarioIsItsShareOfAllTransactions() {
        SimulatedStream stream =
                SimulatedStream.of(
                        SimulatedStream.withFraud(3, 0.05, ScenarioMix.synthetic()), RECORDS);

        Map<Scenario, Long> frauds = new EnumMap<>(Scenario.class);
        for (GeneratedRecord r : stream.records) {
            if (r.fraud()) {
                frauds.merge(r.scenario(), 1L, Long::sum);
            }
        }
        long total = frauds.values().stream().mapToLong(Long::longValue).sum();

        assertThat(total / (double) RECORDS).isBetween(0.05 * 0.92, 0.05 * 1.08);
        assertThat(frauds).containsOnlyKeys(Scenario.synthetic());
        frauds.forEach(
                (s, n) ->
                        assertThat(n / (RECORDS * 0.01))
                                .as("frauds of %s relative to the requested 1 %%", s)
                                .isBetween(1 - TOLERANCE.get(s), 1 + TOLERANCE.get(s)));
    }

    @Test
    void weightsShiftTheMix() {
        SimulatedStream stream =
                SimulatedStream.of(
                        SimulatedStream.withFraud(
                                4, 0.02, ScenarioMix.parse("impossible-travel:3,card-testing:1")),
                        200_000);

        long travel = stream.frauds(Scenario.IMPOSSIBLE_TRAVEL).size();
        long testing = stream.frauds(Scenario.CARD_TESTING).size();

        assertThat(travel / (200_000 * 0.015)).isBetween(0.9, 1.1);
        assertThat(testing / (200_000 * 0.005)).isBetween(0.8, 1.2);
    }

    @Test
    void everyFraudBelongsToAnIncidentAndGenuineToNone() {
        SimulatedStream stream =
                SimulatedStream.of(
                        SimulatedStream.withFraud(5, 0.05, ScenarioMix.synthetic()), 50_000);

        assertThat(stream.records)
                .allSatisfy(r -> assertThat(r.fraud()).isEqualTo(r.incident() != 0));
        for (Scenario s : Scenario.synthetic()) {
            assertThat(stream.simulator.incidents(s)).as("incidents of %s", s).isPositive();
        }
    }

    @Test
    void noFraudWhenTheRateIsZero() {
        SimulatedStream stream =
                SimulatedStream.of(
                        SimulatedStream.withFraud(6, 0, ScenarioMix.synthetic()), 50_000);

        assertThat(stream.records).noneMatch(GeneratedRecord::fraud);
    }

    @Test
    void refusesARateTheScenariosCannotReach() {
        GeneratorSettings settings =
                SimulatedStream.withFraud(7, 0.5, ScenarioMix.parse("handbook-high-amount"));

        assertThatThrownBy(() -> new TrafficSimulator(settings))
                .hasMessageStartingWith("fraud-rate: 0.5 needs more fraud incidents");
    }
}
