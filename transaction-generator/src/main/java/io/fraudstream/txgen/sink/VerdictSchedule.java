package io.fraudstream.txgen.sink;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Chargebacks of replayed or generated frauds: each fraud becomes a {@link Verdict} (FRAUD, source
 * chargeback, with the transaction's terminal, merchant and time) decided a fixed delay after the
 * transaction, in event time; verdicts go out as the run's clock passes their time, in that order,
 * the way chargebacks reach an issuer weeks later.
 */
public final class VerdictSchedule {

    private record Pending(long decidedAtMillis, long order, Verdict verdict) {}

    private final Duration delay;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    (a, b) -> {
                        int byTime = Long.compare(a.decidedAtMillis, b.decidedAtMillis);
                        return byTime != 0 ? byTime : Long.compare(a.order, b.order);
                    });
    private long order;

    public VerdictSchedule(Duration delay) {
        this.delay = delay;
    }

    /** Schedules the chargeback of a fraudulent transaction. */
    public void add(Transaction fraud) {
        Verdict verdict =
                new Verdict(
                        fraud.accountId(),
                        fraud.transactionId(),
                        null,
                        fraud.terminalId(),
                        Verdict.Label.FRAUD,
                        Verdict.Source.CHARGEBACK,
                        fraud.timestamp().plus(delay),
                        null,
                        fraud.merchantId(),
                        fraud.timestamp());
        pending.add(new Pending(verdict.decidedAt().toEpochMilli(), order++, verdict));
    }

    /** Sends the verdicts decided at or before this event time. */
    public void sendDue(long eventTimeMillis, RecordSink sink) throws IOException {
        while (!pending.isEmpty() && pending.peek().decidedAtMillis <= eventTimeMillis) {
            send(pending.poll().verdict, sink);
        }
    }

    /** Sends every verdict still pending, in order of decision time. */
    public void sendAll(RecordSink sink) throws IOException {
        while (!pending.isEmpty()) {
            send(pending.poll().verdict, sink);
        }
    }

    private static void send(Verdict v, RecordSink sink) throws IOException {
        sink.verdict(
                v.accountId().getBytes(StandardCharsets.UTF_8), VerdictCodec.INSTANCE.encode(v));
    }
}
