package io.fraudstream.txgen.score;

import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.EventCodec;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.txgen.score.RecordInput.SourceRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Reads alerts and labels from their sources, decoding each record. A malformed record stops the
 * run with its position, unless bad records are to be skipped: then each of the first few is
 * reported on the error stream and all are counted in the report. Progress goes to the error stream
 * every few seconds, so stdout carries only the report.
 */
public final class InputReader {

    /** Skipped records reported one by one; the rest only counted. */
    static final int REPORTED_BAD_RECORDS = 10;

    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final boolean skipBad;
    private final PrintWriter err;

    /**
     * @param skipBad whether to skip malformed records instead of failing
     * @param err where warnings and progress go
     */
    public InputReader(boolean skipBad, PrintWriter err) {
        this.skipBad = skipBad;
        this.err = err;
    }

    /** Reads every alert, deduplicated by id. */
    public AlertLog readAlerts(RecordInput source) {
        AlertLog log = new AlertLog(source.description());
        readEvents(source, "alerts", AlertCodec.INSTANCE, log::add, log::skippedBad);
        return log;
    }

    /** Reads every label, keeping those of frauds and of {@code alertedTransactionIds}. */
    public LabelIndex readLabels(RecordInput source, Set<String> alertedTransactionIds) {
        LabelIndex labels = new LabelIndex(source.description(), alertedTransactionIds);
        read(
                source,
                "labels",
                record -> {
                    labels.add(GroundTruthCodec.INSTANCE.decode(value(record)));
                    return null;
                },
                labels::skippedBad);
        return labels;
    }

    /** Reads every transaction score, deduplicated by transaction id. */
    public ScoreLog readScores(RecordInput source) {
        ScoreLog log = new ScoreLog(source.description());
        readEvents(source, "scores", TransactionScoreCodec.INSTANCE, log::add, log::skippedBad);
        return log;
    }

    /** Reads every verdict, keeping when each terminal's fraud was first confirmed. */
    public TerminalVerdicts readVerdicts(RecordInput source) {
        TerminalVerdicts verdicts = new TerminalVerdicts(source.description());
        readEvents(
                source,
                "verdicts",
                VerdictCodec.INSTANCE,
                (verdict, at, type) -> verdicts.add(verdict),
                verdicts::skippedBad);
        return verdicts;
    }

    /** Takes one decoded event with its record timestamp and type (null from a file). */
    private interface EventSink<T> {
        void add(T event, Instant recordTimestamp, String timestampType);
    }

    private <T> void readEvents(
            RecordInput source,
            String what,
            EventCodec<T> codec,
            EventSink<T> sink,
            Runnable onSkipped) {
        read(
                source,
                what,
                record -> {
                    T event;
                    try {
                        event = codec.decode(value(record));
                    } catch (InvalidEventException e) {
                        return e.getMessage();
                    }
                    sink.add(
                            event,
                            record.timestamp() < 0
                                    ? null
                                    : Instant.ofEpochMilli(record.timestamp()),
                            record.timestampType());
                    return null;
                },
                onSkipped);
    }

    private static byte[] value(SourceRecord record) {
        if (record.value() == null) {
            throw new InvalidEventException(null, "no value (a tombstone)");
        }
        return record.value();
    }

    /** Decodes one record; returns null when it was used, or why it is malformed. */
    private interface Decoder {
        String decode(SourceRecord record);
    }

    private void read(RecordInput source, String what, Decoder decoder, Runnable onSkipped) {
        Pass pass = new Pass(source, what);
        source.forEach(
                record -> {
                    pass.records++;
                    String problem;
                    try {
                        problem = decoder.decode(record);
                    } catch (InvalidEventException e) {
                        problem = e.getMessage();
                    }
                    if (problem != null) {
                        String message = what + " " + source.description() + " " + record.where();
                        message += ": " + problem;
                        if (!skipBad) {
                            throw new ScoreException(
                                    message + " (use --skip-bad to skip malformed records)");
                        }
                        onSkipped.run();
                        if (++pass.skipped <= REPORTED_BAD_RECORDS) {
                            err.println("txgen score: skipped " + message);
                        }
                    }
                    pass.progress();
                });
        pass.summary();
    }

    /** The counts of reading one source, reported as they grow. */
    private final class Pass {
        final RecordInput source;
        final String what;
        long records;
        long skipped;
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;

        Pass(RecordInput source, String what) {
            this.source = source;
            this.what = what;
        }

        void progress() {
            if (System.nanoTime() - nextProgress > 0) {
                nextProgress = System.nanoTime() + PROGRESS_NANOS;
                err.printf(
                        Locale.ROOT,
                        "txgen score: %s: %,d records read from %s%n",
                        what,
                        records,
                        source.description());
                err.flush();
            }
        }

        void summary() {
            err.printf(
                    Locale.ROOT,
                    "txgen score: %s: %,d records read from %s%s%n",
                    what,
                    records,
                    source.description(),
                    skipped == 0
                            ? ""
                            : String.format(Locale.ROOT, ", %,d malformed skipped", skipped));
            err.flush();
        }
    }
}
