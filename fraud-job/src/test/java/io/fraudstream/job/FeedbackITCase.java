package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.train.FeatureReplay;
import io.fraudstream.testing.KafkaClusterExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feedback loop on a Flink MiniCluster against a real broker: transactions and delayed
 * chargebacks in, one score per transaction out; a compromised terminal's risk rises once its
 * chargebacks count and never before; the job's features equal the trainer's ({@link
 * FeatureReplay}) for every transaction; and the scores do not depend on how the two topics
 * interleave when read.
 */
class FeedbackITCase {

    @RegisterExtension
    @Order(1)
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration CHARGEBACK_DELAY = Duration.ofHours(12);
    private static final String SKIMMED = "term-0";
    private static final Instant SKIMMING_FROM = DAY_0.plus(Duration.ofHours(36));
    private static final Instant SKIMMING_TO = DAY_0.plus(Duration.ofDays(4));

    private static final List<Transaction> TRANSACTIONS = new ArrayList<>();
    private static final List<Verdict> VERDICTS = new ArrayList<>();

    /** The first run: verdicts produced before the transactions. */
    private static Map<String, TransactionScore> first;

    private static FraudJobConfig firstConfig;

    @BeforeAll
    static void generateAndScore() throws Exception {
        Random random = new Random(20261201L);
        for (int a = 0; a < 40; a++) {
            String account = "acct-" + a;
            String[] favourites = {
                "term-" + random.nextInt(12), "term-" + random.nextInt(12), "term-" + (a % 12)
            };
            for (int day = 0; day < 5; day++) {
                for (int n = 0; n < 6; n++) {
                    Instant at =
                            DAY_0.plus(Duration.ofDays(day))
                                    .plusSeconds(random.nextInt(86_400))
                                    .plusMillis(random.nextInt(1000));
                    String terminal = favourites[random.nextInt(favourites.length)];
                    BigDecimal amount =
                            BigDecimal.valueOf(5 + random.nextDouble() * 145)
                                    .setScale(2, RoundingMode.HALF_UP);
                    TRANSACTIONS.add(
                            new Transaction(
                                    "tx-" + a + "-" + day + "-" + n,
                                    account,
                                    at,
                                    amount,
                                    "EUR",
                                    "m-" + (Integer.parseInt(terminal.substring(5)) % 4),
                                    terminal,
                                    "5411",
                                    "DE",
                                    null,
                                    null,
                                    Transaction.Channel.POS));
                }
            }
        }
        TRANSACTIONS.sort(
                Comparator.comparing(Transaction::timestamp)
                        .thenComparing(Transaction::transactionId));
        for (Transaction tx : TRANSACTIONS) {
            boolean skimmed =
                    tx.terminalId().equals(SKIMMED)
                            && !tx.timestamp().isBefore(SKIMMING_FROM)
                            && tx.timestamp().isBefore(SKIMMING_TO);
            if (skimmed && random.nextDouble() < 0.7) {
                VERDICTS.add(chargeback(tx));
            }
        }
        VERDICTS.sort(Comparator.comparing(Verdict::decidedAt));
        assertThat(VERDICTS).hasSizeGreaterThan(5);

        String transactions = KAFKA.createTopic("transactions", 2);
        String verdicts = KAFKA.createTopic("verdicts", 1);
        produceVerdicts(verdicts);
        produceTransactions(transactions);
        firstConfig = config(transactions, verdicts);
        first = run(firstConfig);
    }

    @Test
    void everyTransactionIsScoredExactlyOnce() {
        assertThat(first.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        TRANSACTIONS.stream().map(Transaction::transactionId).toList());
    }

    @Test
    void theSkimmedTerminalsRiskRisesOnlyOnceItsChargebacksCount() {
        Instant firstKnown = VERDICTS.get(0).decidedAt().plus(Duration.ofMinutes(1));
        List<TransactionScore> atSkimmed =
                TRANSACTIONS.stream()
                        .filter(tx -> tx.terminalId().equals(SKIMMED))
                        .map(tx -> first.get(tx.transactionId()))
                        .toList();
        for (TransactionScore s : atSkimmed) {
            double frauds = s.features().getOrDefault("terminal.frauds.7d", 0.0);
            long known =
                    VERDICTS.stream()
                            .filter(v -> !v.decidedAt().plusSeconds(60).isAfter(s.eventTime()))
                            .count();
            // never a fraud the job could not know by the transaction's time
            assertThat(frauds)
                    .as("%s at %s", s.transactionId(), s.eventTime())
                    .isLessThanOrEqualTo(known);
            if (s.eventTime().isBefore(firstKnown)) {
                assertThat(frauds).isZero();
            }
        }
        double before = meanScore(atSkimmed, s -> s.eventTime().isBefore(firstKnown));
        double after =
                meanScore(
                        atSkimmed,
                        s ->
                                !s.eventTime().isBefore(firstKnown.plus(Duration.ofHours(6)))
                                        && s.eventTime().isBefore(SKIMMING_TO));
        assertThat(after)
                .as("mean score at %s after its chargebacks", SKIMMED)
                .isGreaterThan(2 * before);
        assertThat(atSkimmed)
                .filteredOn(s -> !s.eventTime().isBefore(firstKnown.plus(Duration.ofHours(6))))
                .anySatisfy(
                        s ->
                                assertThat(s.reasons())
                                        .anySatisfy(
                                                r ->
                                                        assertThat(r.feature())
                                                                .startsWith("terminal.")));
    }

    @Test
    void theJobsFeaturesAreTheTrainersForEveryTransaction() {
        FeatureReplay replay =
                new FeatureReplay(firstConfig.detectors(), firstConfig.feedback().settings());
        VERDICTS.forEach(replay::verdict);
        int[] compared = new int[1];
        for (Transaction tx : TRANSACTIONS) {
            replay.transaction(
                    tx,
                    (t, features, found, compromised) -> {
                        Map<String, Double> served = first.get(t.transactionId()).features();
                        for (Feature f : Feature.values()) {
                            double expected = features[f.ordinal()];
                            if (Double.isNaN(expected)) {
                                assertThat(served).as(t.transactionId()).doesNotContainKey(f.id());
                            } else {
                                assertThat(served.get(f.id()))
                                        .as(
                                                "%s at %s, %s: %s; served %s; first verdict %s",
                                                t.transactionId(),
                                                t.terminalId(),
                                                t.timestamp(),
                                                f.id(),
                                                served,
                                                VERDICTS.get(0))
                                        .isEqualTo(expected);
                            }
                        }
                        compared[0]++;
                    });
        }
        assertThat(compared[0]).isEqualTo(TRANSACTIONS.size());
    }

    @Test
    void theScoresDoNotDependOnHowTheTopicsInterleave() throws Exception {
        // transactions first this time, verdicts after them, and over three partitions
        String transactions = KAFKA.createTopic("transactions", 3);
        String verdicts = KAFKA.createTopic("verdicts", 3);
        produceTransactions(transactions);
        produceVerdicts(verdicts);

        Map<String, TransactionScore> second = run(config(transactions, verdicts));

        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (Map.Entry<String, TransactionScore> e : first.entrySet()) {
            TransactionScore a = e.getValue();
            TransactionScore b = second.get(e.getKey());
            assertThat(b.score()).as(e.getKey()).isEqualTo(a.score());
            assertThat(b.decision()).as(e.getKey()).isEqualTo(a.decision());
            assertThat(b.features()).as(e.getKey()).isEqualTo(a.features());
            assertThat(b.reasons()).as(e.getKey()).isEqualTo(a.reasons());
        }
    }

    private static Verdict chargeback(Transaction tx) {
        return new Verdict(
                tx.accountId(),
                tx.transactionId(),
                null,
                tx.terminalId(),
                Verdict.Label.FRAUD,
                Verdict.Source.CHARGEBACK,
                tx.timestamp().plus(CHARGEBACK_DELAY),
                null,
                tx.merchantId(),
                tx.timestamp());
    }

    private static double meanScore(
            List<TransactionScore> scores, java.util.function.Predicate<TransactionScore> which) {
        return scores.stream()
                .filter(which)
                .mapToDouble(TransactionScore::score)
                .average()
                .orElseThrow();
    }

    private static FraudJobConfig config(String transactions, String verdicts) {
        String alerts = KAFKA.createTopic("alerts", 2);
        String deadLetters = KAFKA.createTopic("dead-letters", 1);
        String scores = KAFKA.createTopic("scores", 2);
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bounded", "true");
        options.put("kafka.topics.verdicts", verdicts);
        options.put("kafka.topics.scores", scores);
        options.put("feedback.enabled", "true");
        options.put("scores.enabled", "true");
        options.put("scores.features", "true");
        // the default model, bundled in the jar
        options.put("model.path", "");
        return KafkaJobs.config(
                KAFKA.bootstrapServers(), transactions, alerts, deadLetters, options);
    }

    private static Map<String, TransactionScore> run(FraudJobConfig config) throws Exception {
        KafkaJobs.job(config).execute("feedback-itcase");
        Map<String, TransactionScore> scores = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records =
                KAFKA.readAll(config.kafka().scoresTopic(), true);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TransactionScore s = TransactionScoreCodec.INSTANCE.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(s.accountId());
            assertThat(scores.put(s.transactionId(), s))
                    .as("a second score for " + s.transactionId())
                    .isNull();
        }
        return scores;
    }

    private static void produceTransactions(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Transaction tx : TRANSACTIONS) {
            records.add(
                    new ProducerRecord<>(
                            topic,
                            tx.accountId().getBytes(StandardCharsets.UTF_8),
                            TransactionCodec.INSTANCE.encode(tx)));
        }
        KAFKA.produce(records);
    }

    private static void produceVerdicts(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Verdict v : VERDICTS) {
            records.add(
                    new ProducerRecord<>(
                            topic,
                            v.accountId().getBytes(StandardCharsets.UTF_8),
                            VerdictCodec.INSTANCE.encode(v)));
        }
        KAFKA.produce(records);
    }
}
