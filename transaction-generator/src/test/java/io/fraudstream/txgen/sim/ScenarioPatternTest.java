package io.fraudstream.txgen.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Transaction;
import io.fraudstream.txgen.Scenario;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each scenario has its pattern, varied as real attacks are, and visible to a per-card streaming
 * detector: the tests check every incident of a run with only that scenario.
 */
class ScenarioPatternTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private static SimulatedStream only(Scenario scenario, long seed) {
        return SimulatedStream.of(
                SimulatedStream.withFraud(seed, 0.05, ScenarioMix.parse(scenario.wireName())),
                120_000);
    }

    @Test
    void cardTestingProbesUnderTwoThenBuysBigWithinMinutes() {
        SimulatedStream stream = only(Scenario.CARD_TESTING, 21);
        Map<Integer, List<GeneratedRecord>> incidents = stream.incidents(Scenario.CARD_TESTING);

        assertThat(incidents).hasSizeGreaterThan(200);
        Set<Integer> probeCounts = new HashSet<>();
        for (List<GeneratedRecord> incident : incidents.values()) {
            if (!stream.wholly(incident.get(0), 3 * HOUR, HOUR)) {
                continue;
            }
            assertThat(incident).allMatch(r -> r.account() == incident.get(0).account());
            assertThat(incident)
                    .allMatch(r -> r.transaction().channel() == Transaction.Channel.ECOM);
            int probes = 0;
            while (probes < incident.size() && SimulatedStream.amount(incident.get(probes)) < 2) {
                probes++;
            }
            List<GeneratedRecord> large = incident.subList(probes, incident.size());
            probeCounts.add(probes);
            assertThat(probes).isBetween(2, 5);
            assertThat(large).hasSizeBetween(1, 2);
            for (int i = 1; i < probes; i++) {
                long gap = gap(incident.get(i - 1), incident.get(i));
                assertThat(gap).isBetween(10_000L, 4 * MINUTE);
            }
            for (GeneratedRecord purchase : large) {
                assertThat(SimulatedStream.amount(purchase)).isGreaterThanOrEqualTo(150);
                assertThat(gap(incident.get(probes - 1), purchase)).isBetween(MINUTE, 20 * MINUTE);
            }
        }
        assertThat(probeCounts).containsExactlyInAnyOrder(2, 3, 4, 5);
    }

    @Test
    void compromisedCardSpendsSeveralTimesTheProfileOverHours() {
        SimulatedStream stream = only(Scenario.COMPROMISED_CARD, 22);
        Map<Integer, List<GeneratedRecord>> incidents = stream.incidents(Scenario.COMPROMISED_CARD);

        assertThat(incidents).hasSizeGreaterThan(200);
        for (List<GeneratedRecord> incident : incidents.values()) {
            int card = incident.get(0).account();
            double typical = stream.population.typicalAmount(card);
            assertThat(incident).allMatch(r -> r.account() == card);
            assertThat(incident.size()).isBetween(1, 10);
            assertThat(incident)
                    .allSatisfy(
                            r ->
                                    assertThat(SimulatedStream.amount(r) / typical)
                                            .isBetween(2.99, 10.01));
            assertThat(gap(incident.get(0), incident.get(incident.size() - 1)))
                    .isLessThan(8 * HOUR);
        }
        assertThat(incidents.values().stream().mapToInt(List::size).max().orElseThrow())
                .isGreaterThan(8);
    }

    @Test
    void compromisedTerminalDefraudsManyLocalCardsOverDays() {
        SimulatedStream stream = only(Scenario.COMPROMISED_TERMINAL, 23);
        Map<Integer, List<GeneratedRecord>> incidents =
                stream.incidents(Scenario.COMPROMISED_TERMINAL);

        assertThat(incidents).hasSizeGreaterThan(20);
        long spanningDays = 0;
        for (List<GeneratedRecord> incident : incidents.values()) {
            Transaction first = incident.get(0).transaction();
            Set<Integer> cards = new HashSet<>();
            for (GeneratedRecord r : incident) {
                assertThat(r.transaction().terminalId()).isEqualTo(first.terminalId());
                assertThat(r.transaction().channel()).isEqualTo(Transaction.Channel.POS);
                assertThat(cards.add(r.account())).as("one fraud per card").isTrue();
                double km =
                        Geo.distanceKm(
                                stream.population.homeLat(r.account()),
                                stream.population.homeLon(r.account()),
                                r.transaction().lat(),
                                r.transaction().lon());
                assertThat(km).as("victims live in the terminal's town").isLessThan(60);
            }
            assertThat(incident.size()).isLessThanOrEqualTo(40);
            long span = gap(incident.get(0), incident.get(incident.size() - 1));
            assertThat(span).isLessThanOrEqualTo(7 * DAY);
            if (span > DAY) {
                spanningDays++;
            }
        }
        assertThat(spanningDays).isGreaterThan(incidents.size() / 2);
        assertThat(incidents.values().stream().mapToInt(List::size).max().orElseThrow())
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void impossibleTravelIsCardPresentAbroadMinutesAfterTheLastCardPresentUse() {
        SimulatedStream stream = only(Scenario.IMPOSSIBLE_TRAVEL, 24);
        Map<Integer, List<GeneratedRecord>> incidents =
                stream.incidents(Scenario.IMPOSSIBLE_TRAVEL);
        // The genuine card-present use before each incident's first fraud: the anchor, or a use
        // in the same town since; an earlier incident's fraud elsewhere does not count.
        Map<Integer, Transaction> lastPresent = new HashMap<>();
        Map<Integer, Transaction> previousOfFirstFraud = new HashMap<>();
        for (GeneratedRecord r : stream.records) {
            Transaction tx = r.transaction();
            if (r.scenario() == Scenario.IMPOSSIBLE_TRAVEL
                    && !previousOfFirstFraud.containsKey(r.incident())) {
                previousOfFirstFraud.put(r.incident(), lastPresent.get(r.account()));
            }
            if (tx.cardPresent() && !r.fraud()) {
                lastPresent.put(r.account(), tx);
            }
        }

        assertThat(incidents).hasSizeGreaterThan(1000);
        int impossible = 0;
        for (Map.Entry<Integer, List<GeneratedRecord>> e : incidents.entrySet()) {
            List<GeneratedRecord> incident = e.getValue();
            assertThat(incident).hasSizeBetween(1, 3);
            Transaction fraud = incident.get(0).transaction();
            Transaction before = previousOfFirstFraud.get(e.getKey());
            assertThat(incident).allMatch(r -> r.transaction().cardPresent());
            assertThat(before).isNotNull();
            assertThat(fraud.country()).isNotEqualTo(before.country());
            double km = SimulatedStream.km(before, fraud);
            long minutes =
                    (fraud.timestamp().toEpochMilli() - before.timestamp().toEpochMilli()) / MINUTE;
            assertThat(km).isBetween(400.0, 9100.0);
            assertThat(minutes).isBetween(0L, 60L);
            if (km / (Math.max(minutes, 1) / 60.0) > 900) {
                impossible++;
            }
        }
        // 500 km within 60 minutes is fast but possible by plane: not every incident is
        // impossible by a 900 km/h rule, most are.
        assertThat(impossible / (double) incidents.size()).isGreaterThan(0.75);
    }

    @Test
    void velocityBurstIsSixToFifteenTransactionsWithinMinutes() {
        SimulatedStream stream = only(Scenario.VELOCITY_BURST, 25);
        Map<Integer, List<GeneratedRecord>> incidents = stream.incidents(Scenario.VELOCITY_BURST);

        assertThat(incidents).hasSizeGreaterThan(200);
        Set<Integer> sizes = new HashSet<>();
        for (List<GeneratedRecord> incident : incidents.values()) {
            if (!stream.wholly(incident.get(0), HOUR, HOUR)) {
                continue;
            }
            sizes.add(incident.size());
            assertThat(incident.size()).isBetween(6, 15);
            assertThat(incident).allMatch(r -> r.account() == incident.get(0).account());
            assertThat(gap(incident.get(0), incident.get(incident.size() - 1)))
                    .isLessThanOrEqualTo(15 * MINUTE);
        }
        assertThat(sizes).contains(6, 15);
    }

    @Test
    void handbookHighAmountIsAbove220() {
        SimulatedStream stream = only(Scenario.HANDBOOK_HIGH_AMOUNT, 26);
        List<GeneratedRecord> frauds = stream.frauds(Scenario.HANDBOOK_HIGH_AMOUNT);

        assertThat(frauds).hasSizeGreaterThan(1000);
        assertThat(frauds)
                .allSatisfy(
                        r ->
                                assertThat(r.transaction().amount())
                                        .isGreaterThan(new BigDecimal("220.00")));
    }

    @Test
    void handbookCompromisedTerminalMakesEveryTransactionThereFraudFor28Days() {
        SimulatedStream stream = only(Scenario.HANDBOOK_COMPROMISED_TERMINAL, 27);
        Map<String, List<GeneratedRecord>> byTerminal = new HashMap<>();
        for (GeneratedRecord r : stream.records) {
            byTerminal.computeIfAbsent(r.transaction().terminalId(), t -> new ArrayList<>()).add(r);
        }
        Map<Integer, List<GeneratedRecord>> incidents =
                stream.incidents(Scenario.HANDBOOK_COMPROMISED_TERMINAL);
        long longest = 0;
        for (List<GeneratedRecord> incident : incidents.values()) {
            GeneratedRecord first = incident.get(0);
            GeneratedRecord last = incident.get(incident.size() - 1);
            String terminal = first.transaction().terminalId();
            assertThat(incident).allMatch(r -> r.transaction().terminalId().equals(terminal));
            // Everything at the terminal while it is compromised is fraud.
            assertThat(byTerminal.get(terminal))
                    .filteredOn(
                            r ->
                                    r.eventTimeMillis() >= first.eventTimeMillis()
                                            && r.eventTimeMillis() <= last.eventTimeMillis())
                    .allMatch(GeneratedRecord::fraud);
            long span = gap(first, last);
            assertThat(span).isLessThanOrEqualTo(28 * DAY);
            longest = Math.max(longest, span);
        }
        assertThat(incidents).hasSizeGreaterThan(20);
        assertThat(longest).isGreaterThan(20 * DAY);
    }

    @Test
    void handbookCompromisedCardTurnsAThirdOfTheCardsTransactionsIntoFiveTimesFraud() {
        SimulatedStream stream = only(Scenario.HANDBOOK_COMPROMISED_CARD, 28);
        Map<Integer, List<GeneratedRecord>> incidents =
                stream.incidents(Scenario.HANDBOOK_COMPROMISED_CARD);
        long inWindow = 0;
        long fraudInWindow = 0;
        for (List<GeneratedRecord> incident : incidents.values()) {
            int card = incident.get(0).account();
            long from = incident.get(0).eventTimeMillis();
            long to = incident.get(incident.size() - 1).eventTimeMillis();
            assertThat(to - from).isLessThan(14 * DAY);
            for (GeneratedRecord r : stream.records) {
                if (r.account() == card && r.eventTimeMillis() > from && r.eventTimeMillis() < to) {
                    inWindow++;
                    if (r.scenario() == Scenario.HANDBOOK_COMPROMISED_CARD) {
                        fraudInWindow++;
                    }
                }
            }
        }
        assertThat(incidents).hasSizeGreaterThan(30);
        // Between a card's first and last fraud, a third (at least) of its transactions are fraud.
        assertThat(fraudInWindow / (double) inWindow).isBetween(0.3, 0.5);
    }

    private static long gap(GeneratedRecord a, GeneratedRecord b) {
        return SimulatedStream.millis(b) - SimulatedStream.millis(a);
    }
}
