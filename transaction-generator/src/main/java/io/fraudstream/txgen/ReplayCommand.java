package io.fraudstream.txgen;

import io.fraudstream.txgen.cli.Choice;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.cli.Converters;
import io.fraudstream.txgen.cli.OutputOptions;
import io.fraudstream.txgen.cli.Quantities;
import io.fraudstream.txgen.cli.VerdictOptions;
import io.fraudstream.txgen.replay.ColumnMapping;
import io.fraudstream.txgen.replay.ReplaySource;
import io.fraudstream.txgen.replay.TimestampFormat;
import io.fraudstream.txgen.run.Pacing;
import io.fraudstream.txgen.run.ProgressReporter;
import io.fraudstream.txgen.run.RunLoop;
import io.fraudstream.txgen.run.Runner;
import io.fraudstream.txgen.sink.Destinations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code txgen replay}: a CSV of transactions into Kafka or a file, with labels and verdicts. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Replay a CSV of card transactions into Kafka or a JSON-lines file.",
            "",
            "Reads the handbook's format out of the box (TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID,"
                    + " TERMINAL_ID, TX_AMOUNT, TX_FRAUD, TX_FRAUD_SCENARIO; amounts exact,"
                    + " currency EUR); other layouts with --column. Gzip input is detected and"
                    + " read directly. The ground truth (TX_FRAUD, TX_FRAUD_SCENARIO) goes to"
                    + " --labels / --labels-topic, never into the transactions; with"
                    + " --verdicts-delay every fraud also becomes a chargeback verdict, sent when"
                    + " the replay's event time passes it."
        },
        footer = {
            "",
            "Examples:",
            "  txgen replay handbook-2018-04-01_2018-05-26.csv.gz",
            "  txgen replay data.csv.gz --out tx.jsonl --labels labels.jsonl",
            "  txgen replay data.csv.gz --speed 86400 --verdicts-delay 7d",
            "  txgen replay cards.csv --column accountId=card --column amount=value"
        })
final class ReplayCommand implements Callable<Integer> {

    private static final String NAME = "txgen replay: ";

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "CSV file with a header line, plain or gzip-compressed.")
    Path file;

    @Mixin OutputOptions output;

    @Option(
            names = "--speed",
            paramLabel = "FACTOR",
            defaultValue = "max",
            converter = SpeedConverter.class,
            description =
                    "max (as fast as possible), or follow the event-time gaps at FACTOR times"
                            + " real time (1: real time, 3600: an hour per second). Default:"
                            + " ${DEFAULT-VALUE}.")
    Pacing speed;

    @Option(
            names = "--limit",
            paramLabel = "N",
            converter = Converters.Count.class,
            description = "Replay at most N transactions. Default: all.")
    Long limit;

    @Option(
            names = "--on-error",
            paramLabel = "POLICY",
            defaultValue = "skip",
            converter = OnErrorConverter.class,
            description =
                    "A malformed line: skip it (reported with its line number in the summary)"
                            + " or fail the replay. Default: ${DEFAULT-VALUE}.")
    ReplaySource.OnError onError;

    @Option(
            names = "--column",
            paramLabel = "FIELD=COLUMN",
            description =
                    "Read a field from another column, repeatable: transactionId, accountId,"
                            + " timestamp, amount, currency, merchantId, terminalId, mcc, country,"
                            + " lat, lon, channel, and the ground truth fraud and scenario."
                            + " FIELD= (empty) ignores a default column.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            defaultValue = ",",
            description = "Field separator. Default: ${DEFAULT-VALUE}")
    char delimiter;

    @Option(
            names = "--timestamp-format",
            paramLabel = "FORMAT",
            defaultValue = "iso",
            converter = TimestampFormat.Converter.class,
            description =
                    "iso (2018-04-01T00:00:31Z, an offset, or a local time in --zone),"
                            + " epoch-seconds or epoch-millis. Default: ${DEFAULT-VALUE}.")
    TimestampFormat timestampFormat;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "Time zone of local date-times. Default: ${DEFAULT-VALUE}.")
    String zone;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            defaultValue = "EUR",
            description =
                    "ISO 4217 currency of the amounts when no column gives one. Default:"
                            + " ${DEFAULT-VALUE}.")
    String currency;

    @Mixin VerdictOptions verdicts;

    @Option(
            names = "--progress",
            paramLabel = "STYLE",
            defaultValue = "auto",
            converter = GenerateCommand.ProgressStyle.class,
            description =
                    "Progress on stderr: terminal, lines, off, or auto (terminal when on one)."
                            + " Default: ${DEFAULT-VALUE}.")
    ProgressReporter.Style progress;

    /** {@code max} or a positive factor of real time ({@code 60}, {@code 60x}). */
    static final class SpeedConverter implements ITypeConverter<Pacing> {
        @Override
        public Pacing convert(String value) {
            String v = value.strip();
            if (v.equalsIgnoreCase("max")) {
                return Pacing.asFastAsPossible();
            }
            if (v.endsWith("x") || v.endsWith("X")) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                return Pacing.eventTime(Quantities.positive(v, "a speed"));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not max or a speed factor > 0 (such as 60 or 3600)");
            }
        }
    }

    /** picocli converter for {@code --on-error}. */
    static final class OnErrorConverter extends Choice<ReplaySource.OnError> {
        OnErrorConverter() {
            super(ReplaySource.OnError.class);
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        output.validate(cl, List.of("--verdicts-topic"));
        verdicts.validate(cl, output);
        if (limit != null && limit < 1) {
            throw new ParameterException(cl, "--limit must be >= 1, was " + limit);
        }
        ReplaySource.Format format = format(cl);
        Destinations destinations = output.destinations(verdicts.file(), verdicts.topic());
        PrintWriter err = cl.getErr();
        if (!Files.isRegularFile(file)) {
            err.println(NAME + "no such file: " + file);
            return 1;
        }
        try (ReplaySource source =
                ReplaySource.open(
                        file,
                        format,
                        onError,
                        destinations.labelled(),
                        output.labelsAll(),
                        verdicts.delay())) {
            err.println(
                    NAME
                            + file
                            + " to "
                            + destinations.describe()
                            + ", "
                            + speed
                            + verdicts.describe(destinations));
            err.flush();
            Runner.Plan plan =
                    new Runner.Plan(
                            destinations,
                            speed,
                            limit == null ? Long.MAX_VALUE : limit,
                            Long.MAX_VALUE,
                            progress,
                            NAME);
            Runner.Result result =
                    Runner.run(plan, source, err, r -> summary(err, r, source, destinations));
            if (result.failed() > 0) {
                return 1;
            }
            return result.end() == RunLoop.End.INTERRUPTED ? 130 : 0;
        } catch (CommandFailure | IOException e) {
            err.println(NAME + e.getMessage());
            return 1;
        }
    }

    private ReplaySource.Format format(CommandLine cl) {
        ColumnMapping mapping;
        try {
            mapping = ColumnMapping.handbookWith(columns);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--column: " + e.getMessage());
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ParameterException(cl, "--zone: not a time zone, was '" + zone + "'");
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    cl, "--currency: not an ISO 4217 code, was '" + currency + "'");
        }
        return new ReplaySource.Format(mapping, delimiter, timestampFormat, zoneId, currency);
    }

    private static void summary(
            PrintWriter err, Runner.Result r, ReplaySource source, Destinations destinations) {
        err.println(
                NAME
                        + (r.end() == RunLoop.End.INTERRUPTED ? "stopped: " : "done: ")
                        + String.format(
                                "%,d transactions in %.1f s (%,.0f/s) to %s",
                                r.sent(),
                                r.elapsedNanos() / 1e9,
                                r.rate(),
                                destinations.describe()));
        if (source.labelled()) {
            err.println(String.format("  fraud        %,d", source.frauds()));
            source.fraudsByScenario()
                    .forEach((s, n) -> err.println(String.format("    %-30s %,10d", s, n)));
        }
        err.println(String.format("  malformed    %,d lines skipped", source.malformed()));
        for (String report : source.malformedReports()) {
            err.println("    " + report);
        }
        if (source.malformed() > source.malformedReports().size()) {
            err.println(
                    String.format(
                            "    ... and %,d more",
                            source.malformed() - source.malformedReports().size()));
        }
        err.println(
                String.format(
                        "  failed       %,d%s",
                        r.failed(),
                        r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")"));
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
        err.flush();
    }
}
