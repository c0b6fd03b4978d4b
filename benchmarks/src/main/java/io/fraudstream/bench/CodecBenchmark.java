package io.fraudstream.bench;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codecs per event: decoding a transaction as the job's source does (parse and validate
 * every field), encoding one as the generator does, and encoding the score the job publishes for
 * every transaction, with its reasons.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class CodecBenchmark {

    private static final int N = 4096;

    private Transaction[] transactions;
    private byte[][] encoded;
    private TransactionScore[] scores;
    private int next;

    @Setup
    public void setUp() {
        List<Transaction> sample = Samples.transactions(N, 1_000, Samples.SEED);
        transactions = sample.toArray(Transaction[]::new);
        encoded = new byte[N][];
        scores = new TransactionScore[N];
        for (int i = 0; i < N; i++) {
            encoded[i] = TransactionCodec.INSTANCE.encode(transactions[i]);
            scores[i] = score(transactions[i], i);
        }
    }

    /** A score as the scorer publishes it: three reasons, no features. */
    private static TransactionScore score(Transaction tx, int i) {
        return TransactionScore.of(
                tx,
                (i % 1000) / 1000.0,
                TransactionScore.Decision.APPROVE,
                "generator-20261130",
                List.of(
                        new TransactionScore.Contribution(
                                "card_tx_count_1h",
                                "3 transactions on the card in the last hour",
                                3,
                                0.41),
                        new TransactionScore.Contribution(
                                "amount_vs_profile", "amount 2.4 x the card's usual", 2.4, 0.22),
                        new TransactionScore.Contribution(
                                "terminal_fraud_28d",
                                "no fraud at this terminal in the last 28 days",
                                0,
                                -0.13)),
                Map.of());
    }

    private int index() {
        int i = next;
        next = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public Transaction decodeTransaction() {
        return TransactionCodec.INSTANCE.decode(encoded[index()]);
    }

    @Benchmark
    public byte[] encodeTransaction() {
        return TransactionCodec.INSTANCE.encode(transactions[index()]);
    }

    /** Building (and so validating) a score, as the scorer does for every transaction. */
    @Benchmark
    public TransactionScore newScore() {
        int i = index();
        return score(transactions[i], i);
    }

    @Benchmark
    public byte[] encodeScore() {
        return TransactionScoreCodec.INSTANCE.encode(scores[index()]);
    }
}
