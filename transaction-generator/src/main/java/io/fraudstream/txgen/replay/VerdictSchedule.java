package io.fraudstream.txgen.replay;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.txgen.sink.RecordSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Chargebacks of replayed frauds: each fraud becomes a {@link Verdict} (FRAUD, source chargeback)
 * decided a fixed delay after the transaction, in event time; verdicts go out as the replay's clock
 * passes their time, in that order, the way chargebacks reach an issuer weeks later.
 */
final class VerdictSchedule {

    private record Pending(long decidedAtMillis, long order, Verdict verdict) {}

    private final Duration delay;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    (a, b) -> {
                        int byTime = Long.compare(a.decidedAtMillis, b.decidedAtMillis);
                        return byTime != 0 ? byTime : Long.compare(a.order, b.order);
                    });
    private long order;

    VerdictSchedule(Duration delay) {
        this.delay = delay;
    }

    /** Schedules the chargeback of a fraudulent transaction. */
    void add(Transaction fraud) {
        Verdict verdict =
                new Verdict(
                        fraud.accountId(),
                        fraud.transactionId(),
                        null,
                        fraud.terminalId(),
                        Verdict.Label.FRAUD,
                        Verdict.Source.CHARGEBACK,
                        fraud.timestamp().plus(delay),
                        null);
        pending.add(new Pending(verdict.decidedAt().toEpochMilli(), order++, verdict));
    }

    /** Sends the verdicts decided at or before this event time. */
    void sendDue(long eventTimeMillis, RecordSink sink) throws IOException {
        while (!pending.isEmpty() && pending.peek().decidedAtMillis <= eventTimeMillis) {
            send(pending.poll().verdict, sink);
        }
    }

    /** Sends every verdict still pending, in order of decision time. */
    void sendAll(RecordSink sink) throws IOException {
        while (!pending.isEmpty()) {
            send(pending.poll().verdict, sink);
        }
    }

    private static void send(Verdict v, RecordSink sink) throws IOException {
        sink.verdict(
                v.accountId().getBytes(StandardCharsets.UTF_8), VerdictCodec.INSTANCE.encode(v));
    }
}
