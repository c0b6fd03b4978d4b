package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.Verdict;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.entity.EntitySnapshot;
import io.fraudstream.job.score.Models;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.model.entity.EntityHistory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring operator with feedback on: a verdict or an entity's risk counts only from its time
 * (decidedAt plus the visibility lag), whatever order things arrive in; a transaction waits for the
 * watermark when it could miss something known by its time; a compromised card is declined. The
 * model is a hand-written stump: a known fraud at the terminal in the last 30 days scores 0.98,
 * anything else 0.018.
 */
class FeedbackScoringTest {

    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration LAG = Duration.ofMinutes(1);
    private static final long DAY = Duration.ofDays(1).toMillis();

    private KeyedBroadcastOperatorTestHarness<String, CardInput, EntitySnapshot, Alert> harness;
    private int sequence;

    private void start() throws Exception {
        start(Map.of());
    }

    private void start(Map<String, String> overrides) throws Exception {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        options.put(
                "model.path",
                Path.of(
                                FeedbackScoringTest.class
                                        .getResource("/models/terminal-stump.json")
                                        .toURI())
                        .toString());
        options.put("feedback.visibility-lag", "1 min");
        options.putAll(overrides);
        FraudJobConfig config = FraudJobConfig.from(options);
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new CardScorer(config, Models.scorer(config)),
                        CardInput::accountId,
                        Types.STRING,
                        CardScorer.ENTITIES);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aTerminalsFraudCountsFromItsTimeEvenWhenItsSnapshotArrivesFirst() throws Exception {
        start();
        Instant known = T0.plus(Duration.ofMinutes(30));
        // The entity tracker's snapshot arrives before the transactions it must not influence.
        harness.processBroadcastElement(snapshot("T:term-1", known, T0), 0);
        harness.watermark(T0.plus(Duration.ofHours(2)).toEpochMilli());

        send("acct-1", "term-1", known.plus(LAG).minusSeconds(1)); // T just before: not yet known
        send("acct-1", "term-1", known.plus(LAG)); // T exactly at: known
        send("acct-2", "term-2", known.plus(LAG)); // another terminal

        assertThat(scores())
                .extracting(TransactionScore::decision)
                .containsExactly(
                        TransactionScore.Decision.APPROVE,
                        TransactionScore.Decision.DECLINE,
                        TransactionScore.Decision.APPROVE);
        TransactionScore risky = scores().get(1);
        assertThat(risky.reasons())
                .anySatisfy(
                        r -> {
                            assertThat(r.feature()).isEqualTo("terminal.frauds.30d");
                            assertThat(r.message())
                                    .isEqualTo(
                                            "terminal term-1: 1 confirmed fraud in the last 30 days");
                            assertThat(r.weight()).isEqualTo(4.0);
                        });
        assertThat(alerts()).hasSize(1);
        assertThat(alerts().get(0).terminalId()).isEqualTo("term-1");
        assertThat(alerts().get(0).reasons()).extracting(Alert.Reason::detector).contains("model");
    }

    @Test
    void aTransactionWaitsUntilEverythingKnownByItsTimeHasArrived() throws Exception {
        start();
        Instant time = T0.plus(Duration.ofHours(1));
        harness.watermark(time.minus(LAG).minusMillis(1).toEpochMilli());

        send("acct-1", "term-1", time);
        send("acct-1", "term-1", time.minusSeconds(5)); // behind it, in arrival order
        assertThat(scores()).as("held: a snapshot effective by its time may still come").isEmpty();

        // It does come, and then the watermark passes the transaction's time minus the lag.
        harness.processBroadcastElement(snapshot("T:term-1", time.minus(LAG), T0), 0);
        harness.watermark(time.minus(LAG).toEpochMilli());

        assertThat(scores())
                .extracting(TransactionScore::transactionId, TransactionScore::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "tx-1", TransactionScore.Decision.DECLINE),
                        // Its time minus the lag is before the fraud was known: it cannot see it.
                        org.assertj.core.groups.Tuple.tuple(
                                "tx-2", TransactionScore.Decision.APPROVE));
    }

    @Test
    void heldTransactionsGoOneAfterAnotherAsTheWatermarkPassesEachWithOneTimerPerAccount()
            throws Exception {
        start();
        Instant first = T0.plus(Duration.ofHours(1));
        harness.watermark(T0.toEpochMilli());
        send("acct-1", "term-1", first);
        send("acct-1", "term-1", first.plusSeconds(30));
        send("acct-1", "term-1", first.plusSeconds(60));
        send("acct-2", "term-1", first);
        // the first in line of each account has a timer (besides each account's cleanup timer)
        long timers = harness.numEventTimeTimers();

        harness.watermark(first.minus(LAG).toEpochMilli());
        assertThat(scores())
                .extracting(TransactionScore::transactionId)
                .containsExactly("tx-1", "tx-4");
        harness.watermark(first.minus(LAG).plusSeconds(29).toEpochMilli());
        assertThat(scores()).hasSize(2);
        harness.watermark(first.minus(LAG).plusSeconds(30).toEpochMilli());
        assertThat(scores()).extracting(TransactionScore::transactionId).endsWith("tx-2");
        harness.watermark(first.minus(LAG).plusSeconds(60).toEpochMilli());
        assertThat(scores())
                .extracting(TransactionScore::transactionId)
                .containsExactly("tx-1", "tx-4", "tx-2", "tx-3");
        assertThat(timers).isLessThanOrEqualTo(4);
    }

    @Test
    void aCardConfirmedCompromisedIsDeclinedFromTheVerdictsTimeOn() throws Exception {
        start(Map.of("feedback.decline-compromised-cards", "true"));
        Instant decided = T0.plus(Duration.ofHours(1));
        harness.processElement(CardInput.of(verdict("acct-1", decided)), decided.toEpochMilli());
        harness.watermark(T0.plus(Duration.ofHours(3)).toEpochMilli());

        send("acct-1", "term-9", decided.plus(LAG).minusSeconds(1));
        send("acct-1", "term-9", decided.plus(LAG));

        assertThat(scores())
                .extracting(TransactionScore::decision)
                .containsExactly(
                        TransactionScore.Decision.APPROVE, TransactionScore.Decision.DECLINE);
        assertThat(scores().get(1).score()).isEqualTo(1.0);
        assertThat(scores().get(1).reasons().get(0).feature()).isEqualTo("card.compromised");
        assertThat(alerts().get(0).action()).isEqualTo(Alert.Action.BLOCK);
        assertThat(alerts().get(0).reasons().get(0).detector()).isEqualTo("card-compromised");
    }

    @Test
    void byDefaultAConfirmedFraudIsTheModelsFeatureNotADecline() throws Exception {
        start(Map.of("scores.features", "true"));
        Instant decided = T0.plus(Duration.ofHours(1));
        harness.processElement(CardInput.of(verdict("acct-1", decided)), decided.toEpochMilli());
        harness.watermark(T0.plus(Duration.ofDays(3)).toEpochMilli());

        send("acct-1", "term-9", decided.plus(LAG).minusSeconds(1));
        send("acct-1", "term-9", decided.plus(LAG));
        send("acct-1", "term-9", decided.plus(Duration.ofDays(2)));

        List<TransactionScore> scores = scores();
        assertThat(scores)
                .extracting(TransactionScore::decision)
                .doesNotContain(TransactionScore.Decision.DECLINE);
        assertThat(scores)
                .flatExtracting(TransactionScore::reasons)
                .extracting(TransactionScore.Contribution::feature)
                .doesNotContain("card.compromised");
        assertThat(scores)
                .extracting(s -> s.features().get("card.confirmedFrauds"))
                .containsExactly(0.0, 1.0, 1.0);
        assertThat(scores.get(0).features()).doesNotContainKey("card.daysSinceFraud");
        // days from the verdict's decidedAt to the transaction
        assertThat(scores.get(1).features().get("card.daysSinceFraud"))
                .isEqualTo(LAG.toMillis() / (double) DAY);
        assertThat(scores.get(2).features().get("card.daysSinceFraud")).isEqualTo(2.0);
    }

    @Test
    void everyTransactionGetsExactlyOneScore() throws Exception {
        start();
        harness.watermark(T0.plus(Duration.ofDays(2)).toEpochMilli());
        for (int i = 0; i < 20; i++) {
            send("acct-" + (i % 3), i % 2 == 0 ? "term-1" : null, T0.plusSeconds(60L * i));
        }

        assertThat(scores()).hasSize(20);
        assertThat(scores()).extracting(TransactionScore::transactionId).doesNotHaveDuplicates();
        assertThat(scores())
                .extracting(TransactionScore::modelVersion)
                .containsOnly("test-terminal-stump");
    }

    /**
     * A snapshot of a terminal with one fraud on a transaction of {@code fraudDay}, known from
     * {@code effective} (a verdict's decidedAt): it counts for transactions from {@code effective}
     * plus the lag.
     */
    private static EntitySnapshot snapshot(String key, Instant effective, Instant fraudDay) {
        EntityHistory history = new EntityHistory();
        history.addTransaction(fraudDay.toEpochMilli() / DAY);
        history.addFraud(fraudDay.toEpochMilli() / DAY, 1);
        return EntitySnapshot.of(key, effective.toEpochMilli(), history);
    }

    private static Verdict verdict(String account, Instant decided) {
        return new Verdict(
                account,
                "tx-old",
                null,
                null,
                Verdict.Label.FRAUD,
                Verdict.Source.ANALYST,
                decided,
                null);
    }

    private void send(String account, String terminal, Instant time) throws Exception {
        Transaction tx =
                new Transaction(
                        "tx-" + (++sequence),
                        account,
                        time,
                        new BigDecimal("20.00"),
                        "EUR",
                        null,
                        terminal,
                        null,
                        null,
                        null,
                        null,
                        Transaction.Channel.POS);
        harness.processElement(CardInput.of(Ingested.valid(tx, 0)), time.toEpochMilli());
    }

    private List<TransactionScore> scores() {
        List<TransactionScore> out = new ArrayList<>();
        var queue = harness.getSideOutput(CardScorer.SCORES);
        if (queue != null) {
            for (StreamRecord<TransactionScore> record : queue) {
                out.add(record.getValue());
            }
        }
        return out;
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }
}
