package io.fraudstream.txgen.replay;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.txgen.Scenario;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.run.RecordSource;
import io.fraudstream.txgen.sink.RecordSink;
import io.fraudstream.txgen.sink.VerdictSchedule;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of a CSV file as records for the run loop: each with its label (when the CSV has
 * ground truth and labels are wanted) and, with a verdict delay, the chargebacks that fall due
 * before it. Malformed lines are skipped and reported, or end the replay.
 */
public final class ReplaySource implements RecordSource, Closeable {

    /** What to do with a line that is not a valid transaction. */
    public enum OnError {
        /** Report it (with its line number) and go on. */
        SKIP,
        /** Stop the replay with its line number and the reason. */
        FAIL
    }

    /** How to read the CSV. */
    public record Format(
            ColumnMapping columns,
            char delimiter,
            TimestampFormat timestampFormat,
            ZoneId zone,
            String currency) {}

    /** How many malformed lines are kept for the summary; the rest are only counted. */
    static final int REPORTED_MALFORMED = 20;

    private final Path path;
    private final InputFile.Opened input;
    private final CsvTransactions rows;
    private final OnError onError;
    private final boolean labelFrauds;
    private final boolean labelGenuine;
    private final VerdictSchedule verdicts;

    private CsvTransactions.Row row;
    private long transactions;
    private long frauds;
    private final Map<String, Long> fraudsByScenario = new LinkedHashMap<>();
    private long malformed;
    private final List<String> malformedReports = new ArrayList<>();

    private ReplaySource(
            Path path,
            InputFile.Opened input,
            CsvTransactions rows,
            OnError onError,
            boolean labelFrauds,
            boolean labelGenuine,
            VerdictSchedule verdicts) {
        this.path = path;
        this.input = input;
        this.rows = rows;
        this.onError = onError;
        this.labelFrauds = labelFrauds;
        this.labelGenuine = labelGenuine;
        this.verdicts = verdicts;
    }

    /**
     * Opens the CSV (gzip or plain) and reads its header.
     *
     * @param labels whether labels are wanted ({@code all}: genuine ones too)
     * @param verdictDelay chargeback delay in event time, or null for no verdicts
     * @throws CommandFailure when the file has no usable header, or lacks the ground truth that
     *     labels or verdicts need
     */
    public static ReplaySource open(
            Path path,
            Format format,
            OnError onError,
            boolean labels,
            boolean all,
            Duration verdictDelay)
            throws IOException {
        InputFile.Opened input = InputFile.open(path);
        try {
            CsvTransactions rows =
                    new CsvTransactions(
                            input.lines(),
                            format.columns(),
                            format.delimiter(),
                            format.timestampFormat(),
                            format.zone(),
                            format.currency());
            if (!rows.labelled() && (labels || verdictDelay != null)) {
                throw new CommandFailure(
                        path
                                + " has no fraud column for "
                                + (labels ? "labels" : "verdicts")
                                + "; map one with --column fraud=COLUMN");
            }
            return new ReplaySource(
                    path,
                    input,
                    rows,
                    onError,
                    labels,
                    labels && all,
                    verdictDelay == null ? null : new VerdictSchedule(verdictDelay));
        } catch (IllegalArgumentException e) {
            input.lines().close();
            throw new CommandFailure("cannot replay " + path + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            input.lines().close();
            throw e;
        }
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            try {
                row = rows.next();
                return row != null;
            } catch (MalformedLine e) {
                if (onError == OnError.FAIL) {
                    throw new CommandFailure(
                            path
                                    + " "
                                    + e.getMessage()
                                    + "; fix the line, or pass --on-error skip to skip such"
                                    + " lines");
                }
                malformed++;
                if (malformedReports.size() < REPORTED_MALFORMED) {
                    malformedReports.add(e.getMessage());
                }
            } catch (IOException e) {
                throw new IOException(
                        "cannot read "
                                + path
                                + " after line "
                                + rows.lineNumber()
                                + ": "
                                + e.getMessage()
                                + (input.gzip() ? " (a truncated or damaged gzip file?)" : ""),
                        e);
            }
        }
    }

    @Override
    public long eventTimeMillis() {
        return row.transaction().timestamp().toEpochMilli();
    }

    @Override
    public void send(RecordSink sink) throws IOException {
        Transaction tx = row.transaction();
        if (verdicts != null) {
            verdicts.sendDue(tx.timestamp().toEpochMilli(), sink);
        }
        GroundTruth label = null;
        if (Boolean.TRUE.equals(row.fraud())) {
            frauds++;
            fraudsByScenario.merge(row.scenario(), 1L, Long::sum);
            if (labelFrauds) {
                label = label(tx, true, row.scenario());
            }
            if (verdicts != null) {
                verdicts.add(tx);
            }
        } else if (labelGenuine) {
            label = label(tx, false, GroundTruth.GENUINE);
        }
        byte[] key = tx.accountId().getBytes(StandardCharsets.UTF_8);
        sink.transaction(key, TransactionCodec.INSTANCE.encode(tx), label);
        transactions++;
    }

    private static GroundTruth label(Transaction tx, boolean fraud, String scenario) {
        return new GroundTruth(
                tx.transactionId(),
                tx.accountId(),
                tx.timestamp(),
                fraud,
                scenario,
                tx.terminalId(),
                null);
    }

    @Override
    public void finish(RecordSink sink) throws IOException {
        if (verdicts != null) {
            verdicts.sendAll(sink);
        }
    }

    @Override
    public double progress() {
        return input.progress();
    }

    public long transactions() {
        return transactions;
    }

    public long frauds() {
        return frauds;
    }

    /** Frauds by scenario name: the handbook's in their order first, then others as met. */
    public Map<String, Long> fraudsByScenario() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            Long n = fraudsByScenario.get(s.wireName());
            if (n != null) {
                ordered.put(s.wireName(), n);
            }
        }
        fraudsByScenario.forEach(ordered::putIfAbsent);
        return Collections.unmodifiableMap(ordered);
    }

    /** Lines skipped as malformed. */
    public long malformed() {
        return malformed;
    }

    /** The first malformed lines, each as {@code line N: reason}. */
    public List<String> malformedReports() {
        return Collections.unmodifiableList(malformedReports);
    }

    /** Whether the CSV had ground truth. */
    public boolean labelled() {
        return rows.labelled();
    }

    @Override
    public void close() throws IOException {
        input.lines().close();
    }
}
