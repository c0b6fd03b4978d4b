package io.fraudstream.txgen.sim;

import io.fraudstream.events.Transaction;
import io.fraudstream.txgen.Scenario;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The generated stream in event-time order: genuine traffic of a {@link Population} with hard
 * negatives, fraud from a {@link FraudInjector}, malformed records; the same settings, the same
 * bytes.
 */
public final class TrafficSimulator {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Genuine purchases several times the usual amount: a TV, a flight, a repair. */
    private static final double BIG_PURCHASE_RATE = 0.004;

    /** Genuine bursts of small purchases: a market, a festival, a day on public transport. */
    private static final double BURST_RATE = 0.004;

    /** Bursts have 3 to 8 purchases. */
    private static final double MEAN_BURST_SIZE = 5.5;

    private static final double TRIPS_PER_DAY = 1 / 30.0;

    private final GeneratorSettings settings;
    private final Population population;
    private final SplittableRandom random;
    private final FraudInjector injector;
    private final BadRecords badRecords;
    private final LongSupplier wallClock;
    private final String idPrefix;
    private final String badIdPrefix;
    private final long startMillis;

    /**
     * Transactions planned for later (a fraud, the rest of a burst), until the clock gets there.
     */
    private final PriorityQueue<PlannedTransaction> planned =
            new PriorityQueue<>(PlannedTransaction::compare);

    private long planOrder;

    private final double[] chronotypeRate;
    private final double meanRate;
    private final double maxRate;
    private final AliasTable[] byChronotype;
    private final int[][] chronotypeMembers;
    private final AliasTable byActivity;
    private double baseSeconds;
    private long nextBaseMillis;
    private int nextBaseAccount;

    private final int[] tripCity;
    private final long[] tripArrive;
    private final long[] tripLeave;
    private final long[] tripBack;
    private final long[] burstUntil;

    private final long maxDelayMillis;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    private long transactions;
    private long malformed;
    private long lastMillis;

    /** A simulator whose live clock, if the settings ask for one, is the system clock. */
    public TrafficSimulator(GeneratorSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    /** A simulator with the given wall clock (epoch millis) for the live-clock mode. */
    public TrafficSimulator(GeneratorSettings settings, LongSupplier wallClock) {
        this.settings = settings;
        this.wallClock = wallClock;
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        // Separate streams: the population stays the same whatever the traffic options.
        SplittableRandom populationRandom = seeds.split();
        this.random = seeds.split();
        this.population =
                Population.build(
                        settings.accounts(),
                        settings.terminals(),
                        settings.txPerDay(),
                        populationRandom);
        this.idPrefix = runId(settings.seed()) + "-";
        this.badIdPrefix = idPrefix + "bad-";
        this.startMillis = settings.start().toEpochMilli();
        this.maxDelayMillis = settings.maxDelay().toMillis();
        this.badRecords = new BadRecords();

        int accounts = population.accounts();
        int groups = DailyRhythm.CHRONOTYPE_SHIFT_HOURS.length;
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int a = 0; a < accounts; a++) {
            members.get(population.chronotype[a]).add(a);
        }
        chronotypeRate = new double[groups];
        byChronotype = new AliasTable[groups];
        chronotypeMembers = new int[groups][];
        double rateSum = 0;
        for (int g = 0; g < groups; g++) {
            chronotypeMembers[g] = members.get(g).stream().mapToInt(Integer::intValue).toArray();
            double[] weights = new double[chronotypeMembers[g].length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = population.activity[chronotypeMembers[g][i]];
                chronotypeRate[g] += weights[i] / 86_400;
            }
            byChronotype[g] = weights.length == 0 ? null : new AliasTable(weights);
            rateSum += chronotypeRate[g];
        }
        meanRate = rateSum;
        maxRate = rateSum * DailyRhythm.MAX;
        byActivity = new AliasTable(population.activity);

        tripCity = new int[accounts];
        Arrays.fill(tripCity, -1);
        tripArrive = new long[accounts];
        tripLeave = new long[accounts];
        tripBack = new long[accounts];
        burstUntil = new long[accounts];

        baseSeconds = startMillis / 1000.0;
        lastMillis = startMillis;
        injector =
                new FraudInjector(
                        this,
                        settings.scenarios(),
                        settings.fraudRate(),
                        BURST_RATE * MEAN_BURST_SIZE);
        injector.warmUp(meanRate);
        advanceBase();
    }

    /**
     * The prefix of this run's transaction ids, derived from the seed so runs with different seeds
     * do not collide in a shared topic, such as {@code t3k9d2z}.
     */
    static String runId(long seed) {
        long mixed = new SplittableRandom(seed).nextLong();
        return "t" + Long.toString(mixed >>> 28, 36);
    }

    public Population population() {
        return population;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Fraud incidents started so far, by scenario (those begun before the start not counted). */
    public long incidents(Scenario scenario) {
        return injector.incidents(scenario);
    }

    /** The next record of the stream. */
    public GeneratedRecord next() {
        if (settings.badRate() > 0 && random.nextDouble() < settings.badRate()) {
            return malformedRecord();
        }
        PlannedTransaction next = planned.peek();
        PlannedTransaction p;
        if (next != null && next.timeMillis <= nextBaseMillis) {
            p = planned.poll();
        } else {
            p = genuine(nextBaseAccount, nextBaseMillis);
            advanceBase();
        }
        return emit(p);
    }

    // ---- the genuine traffic ----

    /**
     * Moves the clock to the next everyday transaction and picks its card: a Poisson process at the
     * peak rate, thinned by each chronotype's daily rhythm, so busy hours get more.
     */
    private void advanceBase() {
        while (true) {
            baseSeconds += -Math.log(1 - random.nextDouble()) / maxRate;
            double u = random.nextDouble() * maxRate;
            for (int g = 0; g < chronotypeRate.length; g++) {
                u -= chronotypeRate[g] * DailyRhythm.at(baseSeconds, g);
                if (u < 0) {
                    nextBaseMillis = (long) (baseSeconds * 1000);
                    nextBaseAccount = chronotypeMembers[g][byChronotype[g].sample(random)];
                    return;
                }
            }
        }
    }

    /** The card's next everyday transaction; may start a trip, a burst or a fraud incident. */
    private PlannedTransaction genuine(int a, long t) {
        int terminal = everydayTerminal(a, t);
        long cents = amountCents(a, terminal, 1);
        if (population.category[terminal] != MerchantCategory.ATM
                && random.nextDouble() < BIG_PURCHASE_RATE) {
            cents = Math.round(cents * (4 + 8 * random.nextDouble()));
        }
        PlannedTransaction p = new PlannedTransaction(t, planOrder++, a, terminal, cents, null, 0);
        if (tripCity[a] < 0 && t >= burstUntil[a]) {
            if (population.traveller[a]
                    && random.nextDouble() < TRIPS_PER_DAY / population.activity[a]) {
                startTrip(a, t);
            } else if (random.nextDouble() < BURST_RATE) {
                startBurst(a, t);
            }
        }
        injector.maybeStart(p);
        return p;
    }

    /** Where the card is used: online, or at a terminal near where the cardholder is now. */
    private int everydayTerminal(int a, long t) {
        int city = population.homeCity[a];
        boolean inTransit = false;
        if (tripCity[a] >= 0) {
            if (t >= tripBack[a]) {
                tripCity[a] = -1;
            } else if (t < tripArrive[a] || t >= tripLeave[a]) {
                inTransit = true;
            } else {
                city = tripCity[a];
            }
        }
        if (inTransit || random.nextDouble() < population.ecomShare[a]) {
            return random.nextDouble() < 0.7
                    ? population.favouriteWebShop(a, random)
                    : population.popularWebShop(random);
        }
        boolean atm = random.nextDouble() < population.atmShare[a];
        if (city != population.homeCity[a]) {
            return Population.pick(
                    atm ? population.cityAtm[city] : population.cityPos[city], random);
        }
        if (atm) {
            return random.nextDouble() < 0.8
                    ? population.usualAtmTerminal(a, random)
                    : Population.pick(population.cityAtm[city], random);
        }
        return random.nextDouble() < 0.85
                ? population.usualPosTerminal(a, random)
                : Population.pick(population.cityPos[city], random);
    }

    /** Whether the cardholder is on the road (plane, train, car) at this time: no card present. */
    boolean inTransit(int a, long t) {
        return tripCity[a] >= 0 && t < tripBack[a] && (t < tripArrive[a] || t >= tripLeave[a]);
    }

    /** A card-present terminal where the cardholder is now (home or trip destination). */
    int cardPresentTerminalNow(int a, long t) {
        if (tripCity[a] >= 0 && t >= tripArrive[a] && t < tripLeave[a]) {
            return Population.pick(population.cityPos[tripCity[a]], random);
        }
        return population.usualPosTerminal(a, random);
    }

    /**
     * An amount at this terminal on the card's log-normal profile, times {@code factor}; cash
     * withdrawals in round notes.
     */
    long amountCents(int a, int terminal, double factor) {
        MerchantCategory kind = population.category[terminal];
        if (kind == MerchantCategory.ATM) {
            double cash = 2.5 * population.typicalAmount(a) * factor * Math.exp(0.5 * gaussian());
            long step = cash < 100 ? 10 : 50;
            return Math.max(step, Math.round(cash / step) * step) * 100;
        }
        double logAmount = population.mu[a] + kind.logShift + population.sigma[a] * gaussian();
        return Math.max(1, Math.round(Math.exp(logAmount) * factor * 100));
    }

    /**
     * A trip by car, train or plane: no card present while travelling, then days of purchases at
     * the destination. The timing keeps the implied speed plausible (under 800 km/h).
     */
    private void startTrip(int a, long t) {
        City[] cities = population.cities;
        int home = population.homeCity[a];
        int destination;
        do {
            destination =
                    random.nextDouble() < 0.75
                            ? Population.pick(population.residentialCities, random)
                            : random.nextInt(cities.length);
        } while (destination == home);
        double km =
                Geo.distanceKm(
                        population.homeLat[a],
                        population.homeLon[a],
                        cities[destination].lat(),
                        cities[destination].lon());
        double hours =
                km < 700
                        ? km / (70 + 40 * random.nextDouble()) + 0.5 + random.nextDouble()
                        : km / (650 + 150 * random.nextDouble()) + 2 + 3 * random.nextDouble();
        long travel = (long) (hours * HOUR);
        tripCity[a] = destination;
        tripArrive[a] = t + travel;
        tripLeave[a] = tripArrive[a] + DAY + (long) (6 * DAY * random.nextDouble());
        tripBack[a] = tripLeave[a] + travel;
    }

    /** A genuine burst: 3 to 8 small purchases within 10 to 90 minutes, in town or in an app. */
    private void startBurst(int a, long t) {
        int size = 3 + random.nextInt(6);
        long span = 10 * MINUTE + (long) (80 * MINUTE * random.nextDouble());
        long begin = t + (long) (10 * MINUTE * random.nextDouble());
        int[] cityPos = population.cityPos[population.homeCity[a]];
        int venue = Population.pick(cityPos, random);
        long[] times = sortedTimes(begin, span, size);
        for (long time : times) {
            double u = random.nextDouble();
            int terminal =
                    u < 0.3
                            ? population.favouriteWebShop(a, random)
                            : u < 0.6 ? venue : Population.pick(cityPos, random);
            long cents = amountCents(a, terminal, 0.15 + 0.45 * random.nextDouble());
            plan(new PlannedTransaction(time, planOrder++, a, terminal, cents, null, 0));
        }
        burstUntil[a] = times[times.length - 1];
    }

    /**
     * A standard normal variate by Marsaglia's polar method: two per round, no tables, so it stays
     * cheap when the hot loop has pushed everything else out of the cache.
     */
    private double gaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * scale;
        hasSpareGaussian = true;
        return u * scale;
    }

    // ---- shared with the fraud injector ----

    SplittableRandom random() {
        return random;
    }

    long startMillis() {
        return startMillis;
    }

    /** A card drawn in proportion to how much it is used. */
    int busyAccount() {
        return byActivity.sample(random);
    }

    /** Schedules a transaction; one planned before the start of the run is dropped. */
    void plan(PlannedTransaction p) {
        if (p.timeMillis >= startMillis) {
            planned.add(p);
        }
    }

    long nextPlanOrder() {
        return planOrder++;
    }

    /**
     * How active the cardholders are at this time relative to their daily mean (which is 1), at
     * most {@link DailyRhythm#MAX}.
     */
    double rhythm(double epochSeconds) {
        double rate = 0;
        for (int g = 0; g < chronotypeRate.length; g++) {
            rate += chronotypeRate[g] * DailyRhythm.at(epochSeconds, g);
        }
        return rate / meanRate;
    }

    /**
     * {@code count} times in {@code [begin, begin + span)}, in order, denser when cardholders are
     * active: fraud spread over hours or days then keeps the same share of the traffic by day and
     * by night, as it would when fraudsters use cards where and when people shop.
     */
    long[] busyTimes(long begin, long span, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            long t;
            do {
                t = begin + (long) (span * random.nextDouble());
            } while (random.nextDouble() * DailyRhythm.MAX >= rhythm(t / 1000.0));
            times[i] = t;
        }
        Arrays.sort(times);
        return times;
    }

    /** {@code count} times in {@code [begin, begin + span)}, in order. */
    long[] sortedTimes(long begin, long span, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = begin + (long) (span * random.nextDouble());
        }
        Arrays.sort(times);
        return times;
    }

    // ---- emission ----

    private GeneratedRecord emit(PlannedTransaction p) {
        Scenario scenario = p.scenario;
        int incident = p.incident;
        long cents = p.cents;
        int terminal = p.terminal;
        if (scenario == null) {
            int terminalIncident = injector.handbookTerminalIncident(terminal, p.timeMillis);
            if (terminalIncident != 0) {
                scenario = Scenario.HANDBOOK_COMPROMISED_TERMINAL;
                incident = terminalIncident;
            }
            // The handbook's scenario 3 overwrites 2 when both apply, and so do we.
            int cardIncident = injector.handbookCardIncident(p.account, p.timeMillis);
            if (cardIncident != 0) {
                scenario = Scenario.HANDBOOK_COMPROMISED_CARD;
                incident = cardIncident;
                cents *= 5;
            }
        }
        lastMillis = p.timeMillis;
        Transaction tx =
                transaction(idPrefix + ++transactions, p.account, terminal, cents, p.timeMillis);
        return GeneratedRecord.transaction(p.timeMillis, tx, p.account, scenario, incident);
    }

    private Transaction transaction(String id, int a, int terminal, long cents, long simMillis) {
        long time = settings.liveClock() ? wallClock.getAsLong() : simMillis;
        if (settings.outOfOrderRate() > 0 && random.nextDouble() < settings.outOfOrderRate()) {
            time -= 1 + (long) (random.nextDouble() * maxDelayMillis);
        }
        Population w = population;
        return new Transaction(
                id,
                w.accountId[a],
                Instant.ofEpochMilli(time),
                BigDecimal.valueOf(cents, 2),
                settings.currency(),
                w.merchantId[terminal],
                w.terminalId[terminal],
                w.category[terminal].mcc,
                w.country[terminal],
                w.lat[terminal],
                w.lon[terminal],
                w.channel[terminal]);
    }

    /** A record that looks like a transaction of a real card but breaks the contract. */
    private GeneratedRecord malformedRecord() {
        int a = busyAccount();
        int terminal = everydayTerminal(a, lastMillis);
        long cents = amountCents(a, terminal, 1);
        Transaction valid = transaction(badIdPrefix + ++malformed, a, terminal, cents, lastMillis);
        return GeneratedRecord.malformed(lastMillis, badRecords.corrupt(valid, random), a);
    }
}
