package io.fraudstream.txgen.sim;

import io.fraudstream.txgen.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Starts fraud incidents so that each scenario is its requested share of all transactions, and
 * plans their transactions, each scenario with its own pattern and the variation real attacks show.
 */
final class FraudInjector {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private static final long HANDBOOK_TERMINAL_DAYS = 28;
    private static final long HANDBOOK_CARD_DAYS = 14;

    private final TrafficSimulator sim;
    private final Population population;
    private final SplittableRandom random;

    private final Scenario[] scenarios;
    private final double[] perGenuine;
    private final double[] cumulative;
    private final double total;
    private final long[] incidents = new long[Scenario.values().length];
    private int lastIncident;
    private boolean warmingUp;

    /** POS terminals in cities where cards live, so a skimmed terminal has local victims. */
    private final int[] skimmable;

    private final long[] terminalCompromisedUntil;
    private final int[] terminalIncident;
    private final long[] cardCompromisedUntil;
    private final int[] cardIncident;

    /**
     * @param extraGenuinePerBase genuine transactions added per everyday one (bursts)
     */
    FraudInjector(
            TrafficSimulator sim, ScenarioMix mix, double fraudRate, double extraGenuinePerBase) {
        this.sim = sim;
        this.population = sim.population();
        this.random = sim.random();
        this.skimmable = skimmableTerminals(population);
        Map<Scenario, Double> shares = mix.shares();
        scenarios = shares.keySet().toArray(Scenario[]::new);
        perGenuine = new double[scenarios.length];
        cumulative = new double[scenarios.length];
        // Frauds that add transactions (all but the handbook's relabelling of genuine ones)
        // make the total grow; solve for the per-transaction trigger probability so each
        // scenario ends up as its share of all transactions.
        double addedShare = 0;
        for (Scenario s : scenarios) {
            if (adds(s)) {
                addedShare += fraudRate * shares.get(s);
            }
        }
        double sum = 0;
        for (int i = 0; i < scenarios.length; i++) {
            double share = fraudRate * shares.get(scenarios[i]);
            perGenuine[i] =
                    share
                            * (1 + extraGenuinePerBase)
                            / ((1 - addedShare) * meanFrauds(scenarios[i], extraGenuinePerBase));
            sum += perGenuine[i];
            cumulative[i] = sum;
        }
        if (sum > 1) {
            throw new IllegalArgumentException(
                    "fraud-rate: "
                            + fraudRate
                            + " needs more fraud incidents than there are transactions with"
                            + " these scenarios and this population; lower the fraud rate");
        }
        total = sum;
        boolean handbookTerminal = shares.containsKey(Scenario.HANDBOOK_COMPROMISED_TERMINAL);
        boolean handbookCard = shares.containsKey(Scenario.HANDBOOK_COMPROMISED_CARD);
        terminalCompromisedUntil =
                handbookTerminal ? new long[population.cardPresentTerminals] : null;
        terminalIncident = handbookTerminal ? new int[population.cardPresentTerminals] : null;
        cardCompromisedUntil = handbookCard ? new long[population.accounts()] : null;
        cardIncident = handbookCard ? new int[population.accounts()] : null;
    }

    private static int[] skimmableTerminals(Population w) {
        List<Integer> out = new ArrayList<>();
        for (int t : w.residentialPos) {
            if (w.cityResidents[w.terminalCity[t]].length > 0) {
                out.add(t);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean adds(Scenario s) {
        return s != Scenario.HANDBOOK_COMPROMISED_TERMINAL
                && s != Scenario.HANDBOOK_COMPROMISED_CARD;
    }

    /** Expected fraudulent transactions of one incident. */
    private double meanFrauds(Scenario s, double extraGenuinePerBase) {
        double genuinePerDay = population.totalActivityPerDay() * (1 + extraGenuinePerBase);
        return switch (s) {
            case CARD_TESTING -> 3.5 + 1.5;
            case COMPROMISED_CARD -> 6.5;
            case COMPROMISED_TERMINAL -> meanSkimmingVictims();
            case IMPOSSIBLE_TRAVEL -> 2;
            case VELOCITY_BURST -> 10.5;
            case HANDBOOK_HIGH_AMOUNT -> 1;
            case HANDBOOK_COMPROMISED_TERMINAL ->
                    genuinePerDay
                            * population.posShare()
                            / skimmable.length
                            * HANDBOOK_TERMINAL_DAYS;
            case HANDBOOK_COMPROMISED_CARD ->
                    genuinePerDay / population.accounts() * HANDBOOK_CARD_DAYS / 3;
        };
    }

    /** 10 to 40 victims, fewer where fewer cards live in the terminal's city. */
    private double meanSkimmingVictims() {
        double sum = 0;
        for (int t : skimmable) {
            int residents = population.cityResidents[population.terminalCity[t]].length;
            double mean = 0;
            for (int k = 10; k <= 40; k++) {
                mean += Math.min(k, residents) / 31.0;
            }
            sum += mean;
        }
        return sum / skimmable.length;
    }

    /**
     * Replays incidents begun before the start, given the mean everyday transactions per second, so
     * that long ones (a skimmed terminal) are in steady state from the first record and the fraud
     * rate holds for short runs too; like those of the run, they start more often when cardholders
     * are active.
     */
    void warmUp(double genuinePerSecond) {
        warmingUp = true;
        long start = sim.startMillis();
        for (int i = 0; i < scenarios.length; i++) {
            long window = longestSpanMillis(scenarios[i]);
            double peakPerMilli = perGenuine[i] * genuinePerSecond * DailyRhythm.MAX / 1000;
            if (window == 0 || peakPerMilli == 0) {
                continue;
            }
            double t = start;
            while (true) {
                t -= -Math.log(1 - random.nextDouble()) / peakPerMilli;
                if (t < start - window) {
                    break;
                }
                if (random.nextDouble() * DailyRhythm.MAX < sim.rhythm(t / 1000)) {
                    begin(scenarios[i], sim.busyAccount(), (long) t, null);
                }
            }
        }
        warmingUp = false;
    }

    /**
     * How far after its start an incident may still emit, for the warm-up; 0 for impossible travel,
     * which needs a real preceding transaction and lasts at most two hours.
     */
    private static long longestSpanMillis(Scenario s) {
        return switch (s) {
            case CARD_TESTING -> 3 * HOUR;
            case COMPROMISED_CARD -> 14 * HOUR;
            case COMPROMISED_TERMINAL -> 7 * DAY;
            case IMPOSSIBLE_TRAVEL -> 0;
            case VELOCITY_BURST -> HOUR;
            case HANDBOOK_HIGH_AMOUNT -> 4 * HOUR;
            case HANDBOOK_COMPROMISED_TERMINAL -> HANDBOOK_TERMINAL_DAYS * DAY;
            case HANDBOOK_COMPROMISED_CARD -> HANDBOOK_CARD_DAYS * DAY;
        };
    }

    /** Possibly starts an incident at this everyday transaction. */
    void maybeStart(PlannedTransaction genuine) {
        if (total == 0) {
            return;
        }
        double u = random.nextDouble();
        if (u >= total) {
            return;
        }
        int i = 0;
        while (u >= cumulative[i]) {
            i++;
        }
        begin(scenarios[i], genuine.account, genuine.timeMillis, genuine);
    }

    long incidents(Scenario s) {
        return incidents[s.ordinal()];
    }

    /** The handbook incident that makes every transaction at this terminal now fraud, or 0. */
    int handbookTerminalIncident(int terminal, long t) {
        return terminalCompromisedUntil != null
                        && population.cardPresent(terminal)
                        && terminalCompromisedUntil[terminal] > t
                ? terminalIncident[terminal]
                : 0;
    }

    /** The handbook incident that makes this transaction of the card fraud (one in three), or 0. */
    int handbookCardIncident(int account, long t) {
        return cardCompromisedUntil != null
                        && cardCompromisedUntil[account] > t
                        && random.nextDouble() < 1 / 3.0
                ? cardIncident[account]
                : 0;
    }

    /**
     * Starts an incident. The patterns are made so a per-card streaming detector could see them,
     * but vary around the thresholds such a detector would use instead of sitting on them.
     */
    private void begin(Scenario s, int a, long t, PlannedTransaction anchor) {
        int incident = ++lastIncident;
        boolean started =
                switch (s) {
                    case CARD_TESTING -> cardTesting(a, t, incident);
                    case COMPROMISED_CARD -> spree(a, t, incident);
                    case COMPROMISED_TERMINAL -> skimmedTerminal(t, incident);
                    case IMPOSSIBLE_TRAVEL -> impossibleTravel(anchor, incident);
                    case VELOCITY_BURST -> velocityBurst(a, t, incident);
                    case HANDBOOK_HIGH_AMOUNT -> highAmount(a, t, anchor, incident);
                    case HANDBOOK_COMPROMISED_TERMINAL -> handbookTerminal(t, incident);
                    case HANDBOOK_COMPROMISED_CARD -> handbookCard(t, incident);
                };
        if (started && !warmingUp) {
            incidents[s.ordinal()]++;
        }
    }

    /**
     * 2 to 5 online probes of 0.01 to 1.99 at cheap digital merchants, 10 s to 4 min apart, then 1
     * or 2 large online purchases 1 to 20 min after the last probe.
     */
    private boolean cardTesting(int a, long t0, int incident) {
        long t = t0 + between(MINUTE, 120 * MINUTE);
        int probes = 2 + random.nextInt(4);
        for (int i = 0; i < probes; i++) {
            if (i > 0) {
                t += between(10 * SECOND, 4 * MINUTE);
            }
            long cents = 1 + random.nextInt(199);
            plan(
                    t,
                    a,
                    Population.pick(population.webProbe, random),
                    cents,
                    incident,
                    Scenario.CARD_TESTING);
        }
        int large = 1 + random.nextInt(2);
        long[] times = sim.sortedTimes(t + MINUTE, 19 * MINUTE, large);
        for (long time : times) {
            double amount =
                    Math.max(
                            population.typicalAmount(a) * (3 + 7 * random.nextDouble()),
                            150 + 450 * random.nextDouble());
            plan(
                    time,
                    a,
                    Population.pick(population.webHighValue, random),
                    Math.round(amount * 100),
                    incident,
                    Scenario.CARD_TESTING);
        }
        return true;
    }

    /**
     * A stolen card's spree: 3 to 10 purchases of 3 to 10 times the card's typical amount over 1 to
     * 8 hours, online at shops selling resellable goods or in the cardholder's town.
     */
    private boolean spree(int a, long t0, int incident) {
        int count = 3 + random.nextInt(8);
        long begin = t0 + between(10 * MINUTE, 6 * HOUR);
        long[] times = sim.busyTimes(begin, between(HOUR, 8 * HOUR), count);
        int[] town = population.cityPos[population.homeCity[a]];
        for (long time : times) {
            int terminal =
                    random.nextDouble() < 0.6
                            ? Population.pick(population.webHighValue, random)
                            : Population.pick(town, random);
            double amount = population.typicalAmount(a) * (3 + 7 * random.nextDouble());
            plan(time, a, terminal, Math.round(amount * 100), incident, Scenario.COMPROMISED_CARD);
        }
        return true;
    }

    /**
     * A skimmed POS terminal: over 2 to 7 days, 10 to 40 cards of people living in its town are
     * each charged 1.5 to 4 times their typical amount at it.
     */
    private boolean skimmedTerminal(long t0, int incident) {
        int terminal = Population.pick(skimmable, random);
        int[] residents = population.cityResidents[population.terminalCity[terminal]];
        int victims = Math.min(10 + random.nextInt(31), residents.length);
        long[] times = sim.busyTimes(t0, between(2 * DAY, 7 * DAY), victims);
        int[] chosen = new int[victims];
        for (int i = 0; i < victims; i++) {
            int v;
            do {
                v = Population.pick(residents, random);
            } while (contains(chosen, i, v));
            chosen[i] = v;
            long time = times[i];
            double amount = population.typicalAmount(v) * (1.5 + 2.5 * random.nextDouble());
            plan(
                    time,
                    v,
                    terminal,
                    Math.round(amount * 100),
                    incident,
                    Scenario.COMPROMISED_TERMINAL);
        }
        return true;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cloned card used in person in another country 500 to 9000 km away, 5 to 60 minutes after
     * the genuine card-present transaction it is anchored on; one to three uses (purchases or
     * cash), minutes apart. An anchor that was online becomes a card-present purchase where the
     * cardholder is; none while the cardholder travels.
     */
    private boolean impossibleTravel(PlannedTransaction anchor, int incident) {
        if (anchor == null) {
            return false;
        }
        int a = anchor.account;
        if (!population.cardPresent(anchor.terminal)) {
            if (sim.inTransit(a, anchor.timeMillis)) {
                return false;
            }
            anchor.terminal = sim.cardPresentTerminalNow(a, anchor.timeMillis);
            anchor.cents = sim.amountCents(a, anchor.terminal, 1);
        }
        double lat = population.latDeg[anchor.terminal];
        double lon = population.lonDeg[anchor.terminal];
        String country = population.country[anchor.terminal];
        List<Integer> far = new ArrayList<>();
        City[] cities = population.cities;
        for (int c = 0; c < cities.length; c++) {
            double km = Geo.distanceKm(lat, lon, cities[c].lat(), cities[c].lon());
            if (!cities[c].country().equals(country) && km >= 500 && km <= 9000) {
                far.add(c);
            }
        }
        if (far.isEmpty()) {
            return false;
        }
        int city = far.get(random.nextInt(far.size()));
        int uses = 1 + random.nextInt(3);
        long t = anchor.timeMillis + between(5 * MINUTE, 60 * MINUTE);
        for (int i = 0; i < uses; i++) {
            if (i > 0) {
                t += between(3 * MINUTE, 40 * MINUTE);
            }
            boolean cash = random.nextDouble() < 0.5;
            int terminal =
                    Population.pick(
                            cash ? population.cityAtm[city] : population.cityPos[city], random);
            long cents =
                    cash
                            ? (2 + random.nextInt(9)) * 50 * 100L
                            : Math.round(
                                    population.typicalAmount(a)
                                            * (1 + 3 * random.nextDouble())
                                            * 100);
            plan(t, a, terminal, cents, incident, Scenario.IMPOSSIBLE_TRAVEL);
        }
        return true;
    }

    /**
     * 6 to 15 transactions within 2 to 15 minutes, mostly online at different shops, some in town,
     * each 0.3 to 1.5 times the card's typical amount.
     */
    private boolean velocityBurst(int a, long t0, int incident) {
        int count = 6 + random.nextInt(10);
        long begin = t0 + between(MINUTE, 30 * MINUTE);
        long[] times = sim.sortedTimes(begin, between(2 * MINUTE, 15 * MINUTE), count);
        int[] town = population.cityPos[population.homeCity[a]];
        for (long time : times) {
            int terminal =
                    random.nextDouble() < 0.7
                            ? population.popularWebShop(random)
                            : Population.pick(town, random);
            double amount = population.typicalAmount(a) * (0.3 + 1.2 * random.nextDouble());
            plan(
                    time,
                    a,
                    terminal,
                    Math.max(1, Math.round(amount * 100)),
                    incident,
                    Scenario.VELOCITY_BURST);
        }
        return true;
    }

    /** Handbook 1: one purchase of 220.01 to 1000.00 where the card is usually used. */
    private boolean highAmount(int a, long t0, PlannedTransaction anchor, int incident) {
        int terminal = anchor != null ? anchor.terminal : population.usualPosTerminal(a, random);
        long cents = 22_001 + random.nextInt(78_000);
        plan(
                t0 + between(MINUTE, 4 * HOUR),
                a,
                terminal,
                cents,
                incident,
                Scenario.HANDBOOK_HIGH_AMOUNT);
        return true;
    }

    /** Handbook 2: every transaction at a POS terminal for the next 28 days is fraud. */
    private boolean handbookTerminal(long t0, int incident) {
        int terminal = Population.pick(skimmable, random);
        terminalCompromisedUntil[terminal] =
                Math.max(terminalCompromisedUntil[terminal], t0 + HANDBOOK_TERMINAL_DAYS * DAY);
        terminalIncident[terminal] = incident;
        return true;
    }

    /** Handbook 3: for 14 days a third of a random card's transactions are fraud, amount x5. */
    private boolean handbookCard(long t0, int incident) {
        int card = random.nextInt(population.accounts());
        cardCompromisedUntil[card] =
                Math.max(cardCompromisedUntil[card], t0 + HANDBOOK_CARD_DAYS * DAY);
        cardIncident[card] = incident;
        return true;
    }

    private void plan(long time, int a, int terminal, long cents, int incident, Scenario s) {
        sim.plan(
                new PlannedTransaction(time, sim.nextPlanOrder(), a, terminal, cents, s, incident));
    }

    /** A duration uniformly in {@code [min, max)} milliseconds. */
    private long between(long min, long max) {
        return min + (long) ((max - min) * random.nextDouble());
    }
}
