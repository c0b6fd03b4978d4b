package io.fraudstream.txgen;

import io.fraudstream.events.Durations;
import io.fraudstream.txgen.cli.Choice;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.cli.Converters;
import io.fraudstream.txgen.cli.OutputOptions;
import io.fraudstream.txgen.cli.Rate;
import io.fraudstream.txgen.cli.VerdictOptions;
import io.fraudstream.txgen.run.Pacing;
import io.fraudstream.txgen.run.ProgressReporter;
import io.fraudstream.txgen.run.RunLoop;
import io.fraudstream.txgen.run.Runner;
import io.fraudstream.txgen.sim.GeneratorSettings;
import io.fraudstream.txgen.sim.ScenarioMix;
import io.fraudstream.txgen.sim.TrafficSimulator;
import io.fraudstream.txgen.sink.Destinations;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txgen generate}: synthetic card transactions with labelled fraud, to Kafka or a file. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Generate synthetic card transactions with labelled fraud, to Kafka or a JSON-lines"
                    + " file.",
            "",
            "Cardholders live in European cities, each with a spending profile, favourite shops"
                    + " near home, a channel mix (POS, ATM, online) and a daily rhythm; some"
                    + " travel. Fraud incidents of the chosen scenarios are injected at"
                    + " --fraud-rate; their ground truth goes to --labels / --labels-topic, never"
                    + " into the transactions. The same --seed and options give the same stream"
                    + " (byte for byte with --out)."
        },
        footer = {
            "",
            "Examples:",
            "  txgen generate --rate 5000 --duration 30s",
            "  txgen generate --rate max --count 2M --topic bench --create-topic",
            "  txgen generate --out tx.jsonl --labels labels.jsonl --count 1M --seed 7",
            "  txgen generate --speed 3600 --scenarios card-testing:2,handbook"
        })
final class GenerateCommand implements Callable<Integer> {

    private static final double DEFAULT_KAFKA_RATE = 1000;
    private static final String NAME = "txgen generate: ";

    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Mixin VerdictOptions verdicts;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            converter = Converters.Count.class,
            description =
                    "Stop after N records (transactions and malformed ones), such as 200000, 200k"
                            + " or 2M. Default: no limit.")
    Long count;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "DURATION",
            converter = Converters.Span.class,
            description =
                    "Stop after this long on the wall clock, such as 30s or 5m; with a --rate"
                            + " that is exactly rate x duration records. Default: no limit.")
    Duration duration;

    @Option(
            names = {"-r", "--rate"},
            paramLabel = "PER_SECOND",
            converter = Converters.RateValue.class,
            description =
                    "Records per second (such as 5000 or 100k), or max. Default: 1000 to Kafka,"
                            + " max with --out.")
    Rate rate;

    @Option(
            names = "--speed",
            paramLabel = "FACTOR",
            description =
                    "Pace by event time instead of --rate: the simulated clock runs FACTOR times"
                            + " as fast as real time (3600: an hour per second).")
    Double speed;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Cards in the population. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(
            names = "--terminals",
            paramLabel = "N",
            description = "Card-present terminals (POS and ATM). Default: as many as --accounts.")
    Integer terminals;

    @Option(
            names = "--tx-per-day",
            paramLabel = "N",
            defaultValue = "4",
            description =
                    "Mean genuine transactions per card and simulated day; with --accounts it"
                            + " sets how fast simulated time passes. Default: ${DEFAULT-VALUE}.")
    double txPerDay;

    @Option(
            names = "--fraud-rate",
            paramLabel = "SHARE",
            defaultValue = "0.005",
            description =
                    "Share of transactions that are fraudulent, 0 to 0.5. Default:"
                            + " ${DEFAULT-VALUE}.")
    double fraudRate;

    @Option(
            names = "--scenarios",
            paramLabel = "LIST",
            defaultValue = ScenarioMix.SYNTHETIC,
            description =
                    "Fraud scenarios and their weights in the fraud: name[:weight],... of"
                            + " card-testing, compromised-card, compromised-terminal,"
                            + " impossible-travel, velocity-burst, handbook-high-amount,"
                            + " handbook-compromised-terminal, handbook-compromised-card;"
                            + " 'synthetic' stands for the first five, 'handbook' for the last"
                            + " three. Default: ${DEFAULT-VALUE}.")
    String scenarios;

    @Option(
            names = "--bad-rate",
            paramLabel = "SHARE",
            defaultValue = "0",
            description =
                    "Share of records that are malformed (broken JSON, missing or invalid"
                            + " fields), for the job's dead-letter path; never labelled. Default:"
                            + " ${DEFAULT-VALUE}.")
    double badRate;

    @Option(
            names = "--out-of-order",
            paramLabel = "SHARE",
            defaultValue = "0.01",
            description =
                    "Share of transactions whose timestamp lags up to --max-delay behind the"
                            + " stream. Default: ${DEFAULT-VALUE}.")
    double outOfOrder;

    @Option(
            names = "--max-delay",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = Converters.Span.class,
            description = "The most an out-of-order timestamp lags. Default: ${DEFAULT-VALUE}.")
    Duration maxDelay;

    @Option(
            names = "--clock",
            paramLabel = "CLOCK",
            defaultValue = "simulated",
            converter = EventClock.Converter.class,
            description =
                    "Timestamps from the simulated clock (reproducible, realistic per-card timing)"
                            + " or the live wall clock (for latency tests; per-card timing is then"
                            + " compressed by the speed-up). Default: ${DEFAULT-VALUE}.")
    EventClock clock;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            defaultValue = "2026-01-05T00:00:00Z",
            converter = Converters.When.class,
            description =
                    "Simulated time of the first transaction: ISO-8601, a date, or now. Default:"
                            + " ${DEFAULT-VALUE}.")
    Instant start;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            defaultValue = "EUR",
            description = "ISO 4217 currency of the amounts. Default: ${DEFAULT-VALUE}.")
    String currency;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of every random choice. Default: a random one, printed at the end.")
    Long seed;

    @Option(
            names = "--progress",
            paramLabel = "STYLE",
            defaultValue = "auto",
            converter = ProgressStyle.class,
            description =
                    "Progress on stderr: terminal (one line updated in place), lines (a line"
                            + " every 5 s), off, or auto (terminal when on one). Default:"
                            + " ${DEFAULT-VALUE}.")
    ProgressReporter.Style progress;

    /** picocli converter for {@code --progress}. */
    static final class ProgressStyle extends Choice<ProgressReporter.Style> {
        ProgressStyle() {
            super(ProgressReporter.Style.class);
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        output.validate(cl, List.of("--verdicts-topic"));
        verdicts.validate(cl, output);
        GeneratorSettings settings = settings(cl);
        Pacing pacing = pacing(cl);
        TrafficSimulator simulator;
        try {
            simulator = new TrafficSimulator(settings);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--" + e.getMessage());
        }
        Destinations destinations = output.destinations(verdicts.file(), verdicts.topic());
        PrintWriter err = cl.getErr();
        err.println(
                NAME
                        + String.format("%,d cards", settings.accounts())
                        + ", fraud "
                        + percent(settings.fraudRate())
                        + " ("
                        + settings.scenarios()
                        + "), to "
                        + destinations.describe()
                        + ", "
                        + pacing
                        + limits()
                        + verdicts.describe(destinations));
        err.flush();
        GeneratorSource source =
                new GeneratorSource(
                        simulator, destinations.labelled(), output.labelsAll(), verdicts.delay());
        Runner.Plan plan =
                new Runner.Plan(
                        destinations,
                        pacing,
                        count == null ? Long.MAX_VALUE : count,
                        duration == null ? Long.MAX_VALUE : duration.toNanos(),
                        progress,
                        NAME);
        Runner.Result result;
        try {
            result =
                    Runner.run(
                            plan,
                            source,
                            err,
                            r -> summary(err, r, source, simulator, destinations));
        } catch (CommandFailure | IOException e) {
            err.println(NAME + e.getMessage());
            return 1;
        }
        if (result.failed() > 0) {
            return 1;
        }
        return result.end() == RunLoop.End.INTERRUPTED ? 130 : 0;
    }

    private GeneratorSettings settings(CommandLine cl) {
        require(cl, accounts >= 1, "--accounts must be >= 1, was " + accounts);
        int terminalCount = terminals == null ? accounts : terminals;
        require(cl, terminalCount >= 1, "--terminals must be >= 1, was " + terminalCount);
        require(
                cl,
                txPerDay > 0 && txPerDay <= 1000,
                "--tx-per-day must be in (0, 1000], was " + txPerDay);
        require(
                cl,
                fraudRate >= 0 && fraudRate <= 0.5,
                "--fraud-rate must be in [0, 0.5], was " + fraudRate);
        require(cl, badRate >= 0 && badRate < 1, "--bad-rate must be in [0, 1), was " + badRate);
        require(
                cl,
                outOfOrder >= 0 && outOfOrder <= 1,
                "--out-of-order must be in [0, 1], was " + outOfOrder);
        require(
                cl,
                !maxDelay.isNegative() && !(maxDelay.isZero() && outOfOrder > 0),
                "--max-delay must be > 0, was " + maxDelay);
        require(cl, count == null || count > 0, "--count must be > 0, was " + count);
        require(
                cl,
                duration == null || !(duration.isZero() || duration.isNegative()),
                "--duration must be > 0, was " + duration);
        ScenarioMix mix;
        try {
            mix = ScenarioMix.parse(scenarios);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--scenarios: " + e.getMessage());
        }
        if (seed == null) {
            seed = new SplittableRandom().nextLong() >>> 16;
        }
        try {
            return new GeneratorSettings(
                    seed,
                    accounts,
                    terminalCount,
                    txPerDay,
                    fraudRate,
                    mix,
                    badRate,
                    outOfOrder,
                    maxDelay,
                    start,
                    clock == EventClock.LIVE,
                    currency);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--" + e.getMessage());
        }
    }

    private Pacing pacing(CommandLine cl) {
        if (speed != null) {
            if (rate != null) {
                throw new ParameterException(cl, "give --rate or --speed, not both");
            }
            require(cl, speed > 0 && !speed.isInfinite(), "--speed must be > 0, was " + speed);
            return Pacing.eventTime(speed);
        }
        Rate r = rate != null ? rate : output.kafka() ? new Rate(DEFAULT_KAFKA_RATE) : Rate.MAX;
        return r.max() ? Pacing.asFastAsPossible() : Pacing.perSecond(r.perSecond());
    }

    private String limits() {
        if (count != null && duration != null) {
            return String.format(", for %,d records or %s", count, Durations.exact(duration));
        }
        if (count != null) {
            return String.format(", for %,d records", count);
        }
        return duration != null ? ", for " + Durations.exact(duration) : ", until Ctrl-C";
    }

    private static void require(CommandLine cl, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(cl, message);
        }
    }

    private void summary(
            PrintWriter err,
            Runner.Result r,
            GeneratorSource source,
            TrafficSimulator simulator,
            Destinations destinations) {
        long transactions = source.genuine() + source.fraudTotal();
        err.println(
                NAME
                        + (r.end() == RunLoop.End.INTERRUPTED ? "stopped: " : "done: ")
                        + String.format(
                                "%,d records in %.1f s (%,.0f/s) to %s",
                                r.sent(),
                                r.elapsedNanos() / 1e9,
                                r.rate(),
                                destinations.describe()));
        err.println(
                String.format(
                        "  transactions %,d: genuine %,d, fraud %,d (%s)",
                        transactions,
                        source.genuine(),
                        source.fraudTotal(),
                        percent(
                                transactions == 0
                                        ? 0
                                        : source.fraudTotal() / (double) transactions)));
        err.println(String.format("  malformed    %,d", source.malformed()));
        err.println(
                String.format(
                        "  failed       %,d%s",
                        r.failed(),
                        r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")"));
        err.println(String.format("  %-30s %10s %13s", "scenario", "incidents", "transactions"));
        Map<Scenario, Double> shares = simulator.settings().scenarios().shares();
        for (Scenario s : shares.keySet()) {
            err.println(
                    String.format(
                            "  %-30s %,10d %,13d",
                            s.wireName(), simulator.incidents(s), source.frauds(s)));
        }
        if (destinations.describeLabels() != null) {
            err.println(
                    String.format(
                            "  labels       %,d to %s", r.labels(), destinations.describeLabels()));
        }
        if (destinations.describeVerdicts() != null) {
            err.println(
                    String.format(
                            "  verdicts     %,d to %s",
                            r.verdicts(), destinations.describeVerdicts()));
        }
        if (source.firstEventMillis() != Long.MAX_VALUE) {
            long span = source.lastEventMillis() - source.firstEventMillis();
            err.println(
                    "  event time   "
                            + Instant.ofEpochMilli(source.firstEventMillis())
                            + " .. "
                            + Instant.ofEpochMilli(source.lastEventMillis())
                            + (clock == EventClock.LIVE
                                    ? " (simulated; timestamps from the wall clock)"
                                    : String.format(
                                            " (simulated, %,.0f x real time)",
                                            r.elapsedNanos() > 0
                                                    ? span * 1e6 / r.elapsedNanos()
                                                    : 0)));
        }
        err.println(
                "  seed         "
                        + simulator.settings().seed()
                        + " (--seed "
                        + simulator.settings().seed()
                        + " repeats this stream)");
        if (r.failed() > 0) {
            err.println(
                    NAME
                            + String.format(
                                    "%,d records were not acknowledged by Kafka", r.failed())
                            + "; check the broker and its log (var/log/kafka.log for the local stack)");
        }
        err.flush();
    }

    private static String percent(double share) {
        return String.format("%.2f %%", share * 100);
    }
}
