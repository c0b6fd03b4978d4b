package io.fraudstream.txgen.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.txgen.sink.RecordSink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chargeback verdicts arrive interleaved with the transactions as event time passes them. */
class ReplaySourceTest {

    /** What a sink received, in order. */
    private static final class RecordingSink implements RecordSink {
        final List<Object> received = new ArrayList<>();

        @Override
        public void transaction(byte[] key, byte[] value, GroundTruth label) {
            received.add(TransactionCodec.INSTANCE.decode(value));
        }

        @Override
        public void malformed(byte[] key, byte[] value) {
            throw new AssertionError("a replay sends no malformed records");
        }

        @Override
        public void verdict(byte[] key, byte[] value) {
            received.add(VerdictCodec.INSTANCE.decode(value));
        }

        @Override
        public void flush() {}

        @Override
        public long failed() {
            return 0;
        }

        @Override
        public Exception firstFailure() {
            return null;
        }

        @Override
        public long labels() {
            return 0;
        }

        @Override
        public long verdicts() {
            return 0;
        }

        @Override
        public void close() {}
    }

    private static RecordingSink replayWithVerdictsAfter(Duration delay) throws IOException {
        RecordingSink sink = new RecordingSink();
        try (ReplaySource source =
                ReplaySource.open(
                        ReplaySamples.path("handbook-sample.csv"),
                        new ReplaySource.Format(
                                ColumnMapping.handbookWith(Map.of()),
                                ',',
                                TimestampFormat.ISO,
                                ZoneOffset.UTC,
                                "EUR"),
                        ReplaySource.OnError.SKIP,
                        false,
                        false,
                        delay)) {
            while (source.next()) {
                source.send(sink);
            }
            source.finish(sink);
        }
        return sink;
    }

    @Test
    void eachVerdictGoesOutJustBeforeTheFirstTransactionAtOrAfterItsTime() throws IOException {
        // The sample's frauds fall between April 1 and 15, its last transaction on May 26: 45 days
        // later some chargebacks are due during the replay and some after it.
        List<Object> received = replayWithVerdictsAfter(Duration.ofDays(45)).received;

        List<Verdict> verdicts = new ArrayList<>();
        Instant lastTransaction = Instant.MIN;
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i) instanceof Transaction tx) {
                lastTransaction = tx.timestamp();
                continue;
            }
            Verdict v = (Verdict) received.get(i);
            verdicts.add(v);
            assertThat(lastTransaction).as("sent before %s was due", v).isBefore(v.decidedAt());
            Object next = i + 1 < received.size() ? received.get(i + 1) : null;
            if (next instanceof Transaction tx) {
                assertThat(tx.timestamp()).isAfterOrEqualTo(v.decidedAt());
            }
        }
        assertThat(verdicts).hasSize(24).extracting(Verdict::decidedAt).isSorted();
        assertThat(received.get(received.size() - 1))
                .as("verdicts due after the last transaction come at the end")
                .isInstanceOf(Verdict.class);
        long interleaved =
                received.subList(0, received.size() - 1).stream()
                        .filter(r -> r instanceof Verdict)
                        .count();
        assertThat(interleaved).as("verdicts sent during the replay").isGreaterThan(5);
    }

    @Test
    void aVerdictIsTheFraudsTransactionDecidedAfterTheDelay() throws IOException {
        List<Object> received = replayWithVerdictsAfter(Duration.ofHours(1)).received;

        Verdict first =
                received.stream()
                        .filter(r -> r instanceof Verdict)
                        .map(Verdict.class::cast)
                        .findFirst()
                        .orElseThrow();
        // 3527,2018-04-01T10:17:43Z,3774,3059,225.41,...,1,1
        assertThat(first)
                .isEqualTo(
                        new Verdict(
                                "3774",
                                "3527",
                                null,
                                "3059",
                                Verdict.Label.FRAUD,
                                Verdict.Source.CHARGEBACK,
                                Instant.parse("2018-04-01T11:17:43Z"),
                                null,
                                null,
                                Instant.parse("2018-04-01T10:17:43Z")));
    }
}
