package io.fraudstream.txgen.run;

import io.fraudstream.txgen.sink.Destinations;
import io.fraudstream.txgen.sink.RecordSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The life of a run that {@code generate} and {@code replay} share: open the destinations, send
 * with progress, finish, flush and close, summarise; a Ctrl-C stops sending but still flushes and
 * summarises before the JVM exits.
 */
public final class Runner {

    /** How a run went. */
    public record Result(
            RunLoop.End end,
            long sent,
            long elapsedNanos,
            long failed,
            Exception firstFailure,
            long labels,
            long verdicts) {

        /** Records per second over the whole run. */
        public double rate() {
            return elapsedNanos > 0 ? sent * 1e9 / elapsedNanos : 0;
        }
    }

    /** What to run and how; {@code maxRecords} and {@code maxNanos} are Long.MAX_VALUE if open. */
    public record Plan(
            Destinations destinations,
            Pacing pacing,
            long maxRecords,
            long maxNanos,
            ProgressReporter.Style progress,
            String progressPrefix) {}

    private Runner() {}

    /**
     * Runs the plan.
     *
     * @param summary prints the summary, before a pending shutdown may proceed
     * @throws io.fraudstream.txgen.cli.CommandFailure for failures the user can act on
     */
    public static Result run(
            Plan plan, RecordSource records, PrintWriter err, Consumer<Result> summary)
            throws IOException {
        try (Interruption interruption = Interruption.install()) {
            Result result;
            try (RecordSink sink = RecordSink.open(plan.destinations())) {
                RunLoop loop = new RunLoop(RunLoop.Clock.SYSTEM);
                RunLoop.End end;
                try (ProgressReporter progress =
                        new ProgressReporter(
                                err,
                                plan.progress(),
                                plan.progressPrefix(),
                                loop::sent,
                                sink::failed,
                                loop::elapsedNanos,
                                new ProgressReporter.Target(
                                        plan.maxRecords(), plan.maxNanos(), records::progress))) {
                    progress.start();
                    end =
                            loop.run(
                                    records,
                                    sink,
                                    plan.pacing(),
                                    plan.maxRecords(),
                                    plan.maxNanos(),
                                    interruption::requested);
                    records.finish(sink);
                }
                // Throughput counts until Kafka acknowledged everything, not until the last send.
                sink.flush();
                long elapsed = loop.elapsedNanos();
                result =
                        new Result(
                                end,
                                loop.sent(),
                                elapsed,
                                sink.failed(),
                                sink.firstFailure(),
                                sink.labels(),
                                sink.verdicts());
            }
            summary.accept(result);
            return result;
        }
    }
}
