package io.fraudstream.txgen;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.txgen.run.RecordSource;
import io.fraudstream.txgen.sim.GeneratedRecord;
import io.fraudstream.txgen.sim.Population;
import io.fraudstream.txgen.sim.TrafficSimulator;
import io.fraudstream.txgen.sink.RecordSink;
import io.fraudstream.txgen.sink.VerdictSchedule;
import java.io.IOException;
import java.time.Duration;

/** The simulator's stream as records for the run loop: encoded, keyed, labelled and counted. */
final class GeneratorSource implements RecordSource {

    private final TrafficSimulator simulator;
    private final Population population;
    private final boolean labelFrauds;
    private final boolean labelGenuine;
    private final VerdictSchedule verdicts;
    private final long[] frauds = new long[Scenario.values().length];
    private long genuine;
    private long malformed;
    private long firstEventMillis = Long.MAX_VALUE;
    private long lastEventMillis = Long.MIN_VALUE;
    private GeneratedRecord record;

    /**
     * @param verdictDelay the chargeback delay of every fraud, in event time, or null for none
     */
    GeneratorSource(
            TrafficSimulator simulator,
            boolean labelFrauds,
            boolean labelGenuine,
            Duration verdictDelay) {
        this.simulator = simulator;
        this.population = simulator.population();
        this.labelFrauds = labelFrauds;
        this.labelGenuine = labelGenuine;
        this.verdicts = verdictDelay == null ? null : new VerdictSchedule(verdictDelay);
    }

    @Override
    public boolean next() {
        record = simulator.next();
        return true;
    }

    @Override
    public long eventTimeMillis() {
        return record.eventTimeMillis();
    }

    @Override
    public void send(RecordSink sink) throws IOException {
        byte[] key = population.accountKey(record.account());
        if (record.isMalformed()) {
            sink.malformed(key, record.malformedBytes());
            malformed++;
            return;
        }
        Transaction tx = record.transaction();
        if (verdicts != null) {
            verdicts.sendDue(tx.timestamp().toEpochMilli(), sink);
        }
        Scenario scenario = record.scenario();
        GroundTruth label = null;
        if (scenario != null) {
            frauds[scenario.ordinal()]++;
            if (labelFrauds) {
                label = label(tx, true, scenario.wireName());
            }
            if (verdicts != null) {
                verdicts.add(tx);
            }
        } else {
            genuine++;
            if (labelGenuine) {
                label = label(tx, false, GroundTruth.GENUINE);
            }
        }
        sink.transaction(key, TransactionCodec.INSTANCE.encode(tx), label);
        firstEventMillis = Math.min(firstEventMillis, record.eventTimeMillis());
        lastEventMillis = Math.max(lastEventMillis, record.eventTimeMillis());
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

    long genuine() {
        return genuine;
    }

    long malformed() {
        return malformed;
    }

    long frauds(Scenario s) {
        return frauds[s.ordinal()];
    }

    long fraudTotal() {
        long sum = 0;
        for (long f : frauds) {
            sum += f;
        }
        return sum;
    }

    /** Simulated time of the first transaction sent, or {@code Long.MAX_VALUE} if none. */
    long firstEventMillis() {
        return firstEventMillis;
    }

    long lastEventMillis() {
        return lastEventMillis;
    }
}
