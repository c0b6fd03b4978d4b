package io.fraudstream.txgen;

import io.fraudstream.txgen.cli.Converters;
import io.fraudstream.txgen.score.AlertLog;
import io.fraudstream.txgen.score.InputReader;
import io.fraudstream.txgen.score.JsonLinesInput;
import io.fraudstream.txgen.score.JsonReport;
import io.fraudstream.txgen.score.LabelIndex;
import io.fraudstream.txgen.score.LatencyClock;
import io.fraudstream.txgen.score.Legend;
import io.fraudstream.txgen.score.RecordInput;
import io.fraudstream.txgen.score.ScoreException;
import io.fraudstream.txgen.score.ScoreLog;
import io.fraudstream.txgen.score.ScoreReport;
import io.fraudstream.txgen.score.ScoreSettings;
import io.fraudstream.txgen.score.Scorer;
import io.fraudstream.txgen.score.TableReport;
import io.fraudstream.txgen.score.TerminalVerdicts;
import io.fraudstream.txgen.score.TopicInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txgen score}: compares the job's alerts with the ground-truth labels and reports
 * transaction-level precision, recall and F1, card-level recall, each per scenario, detection
 * delay, end-to-end latency and the handbook's Card Precision@k per day, ISO week and range.
 *
 * <p>Alerts are read first (deduplicated by alert id), then labels, keeping only those of
 * fraudulent and alerted transactions, so millions of genuine labels cost a counter each. {@link
 * Legend#TEXT} defines every number, and is printed with the help and under the table; {@link
 * JsonReport} documents the JSON document. Exit status: 0 scored, 1 an input could not be read or
 * has a malformed record, 2 usage error.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Scores the job's alerts against ground-truth labels: transaction-level precision,"
                    + " recall and F1; card-level recall; each per fraud scenario; detection delay"
                    + " (event time); end-to-end latency (wall clock); the handbook's Card"
                    + " Precision@k per UTC day, per ISO week and its mean over --from..--to.",
            "With the job's score of every transaction (--scores, --scores-topic) it also"
                    + " reports AUC ROC and average precision per ISO week and CP@k from the"
                    + " scores; alerts are then optional (REVIEW and DECLINE count as alerts)."
                    + " With the verdicts the job received (--verdicts, --verdicts-topic) it"
                    + " reports card recall after each terminal's first FRAUD verdict.",
            "Alert and label files hold one JSON object per line (blank lines ignored; .gz"
                    + " decompressed). Topics are read from the beginning of every partition to"
                    + " the end offsets at start, committed records only. Labels are written by"
                    + " txgen generate and replay; transactions without one are genuine.",
            "Prints tables to stdout, or one JSON document with --json. Exit status: 0 scored,"
                    + " 1 an input could not be read or has a malformed record, 2 usage error.",
            ""
        },
        footer = {"", Legend.TEXT})
final class ScoreCommand implements Callable<Integer> {

    static final class AlertInput {
        @Option(
                names = "--alerts",
                paramLabel = "FILE",
                required = true,
                description = "Alerts as JSON lines, one Alert per line.")
        Path file;

        @Option(
                names = "--alerts-topic",
                paramLabel = "NAME",
                required = true,
                description = "Alerts from this topic (such as fraud-alerts).")
        String topic;
    }

    static final class LabelInput {
        @Option(
                names = "--labels",
                paramLabel = "FILE",
                required = true,
                description = "Ground-truth labels as JSON lines, one label per line.")
        Path file;

        @Option(
                names = "--labels-topic",
                paramLabel = "NAME",
                required = true,
                description = "Ground-truth labels from this topic.")
        String topic;
    }

    static final class ScoreInput {
        @Option(
                names = "--scores",
                paramLabel = "FILE",
                required = true,
                description =
                        "The job's transaction scores as JSON lines, one TransactionScore per"
                                + " line.")
        Path file;

        @Option(
                names = "--scores-topic",
                paramLabel = "NAME",
                required = true,
                description = "Transaction scores from this topic (such as transaction-scores).")
        String topic;
    }

    static final class VerdictInput {
        @Option(
                names = "--verdicts",
                paramLabel = "FILE",
                required = true,
                description =
                        "The verdicts the job received, as JSON lines: card recall after each"
                                + " terminal's first FRAUD verdict.")
        Path file;

        @Option(
                names = "--verdicts-topic",
                paramLabel = "NAME",
                required = true,
                description = "Verdicts from this topic (such as fraud-verdicts).")
        String topic;
    }

    @Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 1)
    AlertInput alertInput;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 2)
    ScoreInput scoreInput;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 3)
    LabelInput labelInput;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 4)
    VerdictInput verdictInput;

    @Option(names = "--json", order = 5, description = "Print one JSON document instead of tables.")
    boolean json;

    @Option(
            names = "--k",
            order = 6,
            paramLabel = "N",
            defaultValue = "" + ScoreSettings.DEFAULT_K,
            description = "Cards per day for Card Precision@k (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--from",
            order = 7,
            paramLabel = "DATE",
            converter = DateConverter.class,
            description =
                    "First UTC day (yyyy-MM-dd) of the Card Precision@k range (default: the first"
                            + " day with a label or an alert).")
    LocalDate from;

    @Option(
            names = "--to",
            order = 8,
            paramLabel = "DATE",
            converter = DateConverter.class,
            description =
                    "Last UTC day, inclusive, of the range (default: the last day with a label or"
                            + " an alert).")
    LocalDate to;

    @Option(
            names = "--card-grace",
            order = 9,
            paramLabel = "DURATION",
            defaultValue = "1d",
            converter = Converters.Span.class,
            description =
                    "A card counts as detected by an alert up to this long after its last fraud"
                            + " (500ms, 30s, 15m, 12h, 1d or ISO-8601; default: ${DEFAULT-VALUE}).")
    Duration cardGrace;

    @Option(
            names = "--received-at",
            order = 10,
            paramLabel = "CLOCK",
            defaultValue = "auto",
            description =
                    "When an alert counts as received, for latency: record-timestamp (its Kafka"
                            + " record timestamp; needs --alerts-topic), detected-at (its"
                            + " detectedAt), or auto: record-timestamp from a topic, detected-at"
                            + " from a file (default: ${DEFAULT-VALUE}).")
    String receivedAt;

    @Option(
            names = "--skip-bad",
            order = 11,
            description =
                    "Skip malformed alerts and labels (counted, the first few shown on stderr)"
                            + " instead of failing.")
    boolean skipBad;

    @Option(
            names = {"-b", "--bootstrap-servers"},
            order = 12,
            paramLabel = "HOST:PORT,...",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka brokers, for the topic options (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--consumer-property",
            order = 13,
            paramLabel = "KEY=VALUE",
            description =
                    "A Kafka consumer property (security, timeouts), repeatable; overrides the"
                            + " defaults except the deserializers.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(
            names = "--read-timeout",
            order = 14,
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = Converters.Span.class,
            description =
                    "Give up on a topic after this long without progress (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Override
    public Integer call() {
        ScoreSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            InputReader reader = new InputReader(skipBad, err);
            ScoreLog scores =
                    scoreInput == null
                            ? null
                            : reader.readScores(source(scoreInput.file, scoreInput.topic));
            AlertLog alerts =
                    alertInput != null
                            ? reader.readAlerts(source(alertInput.file, alertInput.topic))
                            : scores.asAlerts();
            LabelIndex labels =
                    reader.readLabels(
                            source(labelInput.file, labelInput.topic), alerts.transactionIds());
            TerminalVerdicts verdicts =
                    verdictInput == null
                            ? null
                            : reader.readVerdicts(source(verdictInput.file, verdictInput.topic));
            ScoreReport report = Scorer.score(alerts, labels, settings, scores, verdicts);
            if (json) {
                JsonReport.write(report, out);
            } else {
                TableReport.write(report, out);
            }
            return 0;
        } catch (ScoreException e) {
            err.println("txgen score: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private ScoreSettings settings() {
        if (alertInput == null && scoreInput == null) {
            throw usage(
                    "Missing alerts or scores: give --alerts, --alerts-topic, --scores or"
                            + " --scores-topic");
        }
        boolean fromTopic =
                alertInput != null ? alertInput.topic != null : scoreInput.topic != null;
        LatencyClock clock =
                switch (receivedAt) {
                    case "auto" ->
                            fromTopic ? LatencyClock.RECORD_TIMESTAMP : LatencyClock.DETECTED_AT;
                    case "record-timestamp" -> LatencyClock.RECORD_TIMESTAMP;
                    case "detected-at" -> LatencyClock.DETECTED_AT;
                    default ->
                            throw usage(
                                    "--received-at: must be auto, record-timestamp or detected-at, was "
                                            + receivedAt);
                };
        if (clock == LatencyClock.RECORD_TIMESTAMP && !fromTopic) {
            throw usage(
                    "--received-at=record-timestamp needs --alerts-topic (or --scores-topic"
                            + " without alerts): a file has no record timestamps");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw usage("--read-timeout: must be positive, was " + readTimeout);
        }
        try {
            return new ScoreSettings(k, from, to, cardGrace, clock);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private RecordInput source(Path file, String topic) {
        return file != null
                ? new JsonLinesInput(file)
                : new TopicInput(topic, bootstrapServers, consumerProperties, readTimeout);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "not a date: '" + value + "' (use yyyy-MM-dd)");
            }
        }
    }
}
