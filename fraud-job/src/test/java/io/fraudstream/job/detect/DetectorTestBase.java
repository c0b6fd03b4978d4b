package io.fraudstream.job.detect;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Transaction;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.job.entity.EntitySnapshot;
import io.fraudstream.job.score.Models;
import io.fraudstream.job.source.Ingested;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;

/**
 * Named instants, small transaction factories and a harness around {@link CardScorer}, so a
 * detector test reads like the scenario it checks.
 */
abstract class DetectorTestBase {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final String ACCOUNT = "acct-1";

    /** Every detector, in evaluation order. */
    static final List<String> ALL_DETECTORS =
            List.of(
                    "velocity",
                    "spend-burst",
                    "amount-anomaly",
                    "card-testing",
                    "impossible-travel");

    static final double BERLIN_LAT = 52.5200;
    static final double BERLIN_LON = 13.4050;
    static final double PARIS_LAT = 48.8566;
    static final double PARIS_LON = 2.3522;
    static final double POTSDAM_LAT = 52.3906;
    static final double POTSDAM_LON = 13.0645;

    KeyedBroadcastOperatorTestHarness<String, CardInput, EntitySnapshot, Alert> harness;
    private int sequence;

    /**
     * Defaults with only the named detectors enabled, no model and no feedback (the detectors
     * decide alone, each transaction the moment it arrives), plus option overrides.
     */
    static FraudJobConfig config(List<String> enabledDetectors, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(JobConfigLoader.defaults());
        for (String detector : ALL_DETECTORS) {
            options.put(
                    "detectors." + detector + ".enabled",
                    Boolean.toString(enabledDetectors.contains(detector)));
        }
        options.put("model.path", "none");
        options.put("feedback.enabled", "false");
        options.putAll(overrides);
        return FraudJobConfig.from(options);
    }

    void start(FraudJobConfig config) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new CardScorer(config, Models.scorer(config)),
                        CardInput::accountId,
                        Types.STRING,
                        CardScorer.ENTITIES);
    }

    void start(String detector, Map<String, String> overrides) throws Exception {
        start(config(List.of(detector), overrides));
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** An online purchase without location. */
    Transaction online(String account, Instant time, String amount) {
        return new Transaction(
                "tx-" + (++sequence),
                account,
                time,
                new BigDecimal(amount),
                "EUR",
                "m-1",
                null,
                "5411",
                "DE",
                null,
                null,
                Transaction.Channel.ECOM);
    }

    /** A card-present purchase at a terminal at the given coordinates. */
    Transaction present(String account, Instant time, String amount, double lat, double lon) {
        return new Transaction(
                "tx-" + (++sequence),
                account,
                time,
                new BigDecimal(amount),
                "EUR",
                "m-2",
                "term-1",
                "5411",
                "DE",
                lat,
                lon,
                Transaction.Channel.POS);
    }

    /** Feeds a transaction with its event time as the record timestamp. */
    void process(Transaction transaction) throws Exception {
        harness.processElement(
                CardInput.of(Ingested.valid(transaction, 0)),
                transaction.timestamp().toEpochMilli());
    }

    Transaction send(String amount, Instant time) throws Exception {
        Transaction tx = online(ACCOUNT, time, amount);
        process(tx);
        return tx;
    }

    List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    /** Entries in the operator's keyed state, over all keys and states. */
    int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }
}
