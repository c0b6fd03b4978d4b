package io.fraudstream.bench;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.score.Models;
import io.fraudstream.model.scoring.Scorer;
import io.fraudstream.model.train.FeatureReplay;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event detection path with the job's own code and settings: a card's features, the five
 * detectors and the state updates ({@code detectors}), then the bundled model's score with its
 * per-feature contributions ({@code detectorsAndModel}); cards of 10,000 accounts, in time order.
 * State lives on the heap here, as in the job's default state backend; Flink's state access,
 * exchange and Kafka are not in it (the bench measures those).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class DetectionBenchmark {

    /** Transactions replayed; at the end the replay starts again from no state. */
    private static final int N = 500_000;

    @Param({"10000"})
    public int cards;

    private Transaction[] transactions;
    private FeatureReplay replay;
    private Scorer scorer;
    private final Scorer.Result result = new Scorer.Result();
    private int next;
    private int detections;
    private final FeatureReplay.Sink countDetections =
            (tx, features, found, compromised) -> detections = found.size();
    private final FeatureReplay.Sink score =
            (tx, features, found, compromised) ->
                    scorer.score(features, found, compromised, result);

    @Setup(Level.Trial)
    public void load() {
        List<Transaction> sample = Samples.transactions(N, cards, Samples.SEED);
        transactions = sample.toArray(Transaction[]::new);
        scorer = Models.scorer(Samples.config());
    }

    /** Every iteration starts from no state and replays from the first transaction. */
    @Setup(Level.Iteration)
    public void reset() {
        FraudJobConfig config = Samples.config();
        replay = new FeatureReplay(config.detectors(), config.feedback().settings());
        next = 0;
    }

    private Transaction nextTransaction() {
        if (next == N) {
            // time only goes forward for a card: start again from no state (rare: once per N)
            reset();
        }
        return transactions[next++];
    }

    @Benchmark
    public int detectors() {
        replay.transaction(nextTransaction(), countDetections);
        return detections;
    }

    @Benchmark
    public double detectorsAndModel() {
        replay.transaction(nextTransaction(), score);
        return result.score;
    }
}
