package io.fraudstream.bench;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.state.AccountStateSerializer;
import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.CardEvaluator;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.features.Feature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
 * The account state's serializer, per account: what a checkpoint of the heap backend pays for each
 * card, and what the RocksDB backend pays on every access (read and write back). States are those
 * of 1,000 cards after 50 transactions each, through the job's own evaluator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class StateBenchmark {

    private static final int CARDS = 1024;

    private final AccountStateSerializer serializer = new AccountStateSerializer();
    private final DataOutputSerializer output = new DataOutputSerializer(4096);
    private final DataInputDeserializer input = new DataInputDeserializer();
    private AccountState[] states;
    private byte[][] bytes;
    private int next;

    @Setup
    public void setUp() throws IOException {
        CardEvaluator evaluator = new CardEvaluator(Samples.config().detectors());
        Map<String, AccountState> byCard = new HashMap<>();
        List<Detection> found = new ArrayList<>();
        double[] features = new double[Feature.COUNT];
        for (Transaction tx : Samples.transactions(CARDS * 50, CARDS, Samples.SEED)) {
            AccountState state = byCard.computeIfAbsent(tx.accountId(), a -> evaluator.newState());
            evaluator.evaluate(state, tx, tx.timestamp().toEpochMilli(), found, features);
        }
        states = byCard.values().toArray(AccountState[]::new);
        bytes = new byte[states.length][];
        for (int i = 0; i < states.length; i++) {
            output.clear();
            serializer.serialize(states[i], output);
            bytes[i] = output.getCopyOfBuffer();
        }
    }

    private int index() {
        int i = next;
        next = i + 1 == states.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public int serialize() throws IOException {
        output.clear();
        serializer.serialize(states[index()], output);
        return output.length();
    }

    @Benchmark
    public AccountState deserialize() throws IOException {
        input.setBuffer(bytes[index()]);
        return serializer.deserialize(input);
    }
}
