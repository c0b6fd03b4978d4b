package io.fraudstream.txgen.sim;

import io.fraudstream.events.Transaction;
import io.fraudstream.txgen.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A generated stream held in memory, with the views the simulator tests look at. */
final class SimulatedStream {

    final TrafficSimulator simulator;
    final Population population;
    final List<GeneratedRecord> records;

    private SimulatedStream(TrafficSimulator simulator, List<GeneratedRecord> records) {
        this.simulator = simulator;
        this.population = simulator.population();
        this.records = records;
    }

    /** 1,000 cards, no fraud, nothing malformed or out of order, from a fixed start. */
    static GeneratorSettings settings(long seed) {
        return withFraud(seed, 0, ScenarioMix.synthetic());
    }

    static GeneratorSettings withFraud(long seed, double rate, ScenarioMix mix) {
        return new GeneratorSettings(
                seed,
                1_000,
                1_000,
                4,
                rate,
                mix,
                0,
                0,
                Duration.ofSeconds(30),
                Instant.parse("2026-01-05T00:00:00Z"),
                false,
                "EUR");
    }

    static SimulatedStream of(GeneratorSettings settings, int count) {
        TrafficSimulator simulator = new TrafficSimulator(settings);
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(simulator.next());
        }
        return new SimulatedStream(simulator, records);
    }

    /**
     * Whether an incident whose first fraud is {@code first} lies wholly inside the stream: it may
     * have begun up to {@code lead} before its first fraud, before the start, and may end up to
     * {@code tail} after it, after the last record.
     */
    boolean wholly(GeneratedRecord first, long lead, long tail) {
        long start = simulator.settings().start().toEpochMilli();
        long end = records.get(records.size() - 1).eventTimeMillis();
        return first.eventTimeMillis() >= start + lead && first.eventTimeMillis() <= end - tail;
    }

    List<GeneratedRecord> transactions() {
        return records.stream().filter(r -> !r.isMalformed()).toList();
    }

    List<GeneratedRecord> genuine() {
        return records.stream().filter(r -> !r.isMalformed() && !r.fraud()).toList();
    }

    List<GeneratedRecord> frauds(Scenario scenario) {
        return records.stream().filter(r -> r.scenario() == scenario).toList();
    }

    /** The frauds of a scenario by incident, each in stream order. */
    Map<Integer, List<GeneratedRecord>> incidents(Scenario scenario) {
        return frauds(scenario).stream()
                .collect(
                        Collectors.groupingBy(
                                GeneratedRecord::incident,
                                LinkedHashMap::new,
                                Collectors.toList()));
    }

    /** The transactions of one card, in stream order. */
    List<Transaction> ofAccount(int account) {
        return records.stream()
                .filter(r -> !r.isMalformed() && r.account() == account)
                .map(GeneratedRecord::transaction)
                .toList();
    }

    static double amount(GeneratedRecord r) {
        return r.transaction().amount().doubleValue();
    }

    static long millis(GeneratedRecord r) {
        return r.transaction().timestamp().toEpochMilli();
    }

    static double km(Transaction a, Transaction b) {
        return Geo.distanceKm(a.lat(), a.lon(), b.lat(), b.lon());
    }
}
