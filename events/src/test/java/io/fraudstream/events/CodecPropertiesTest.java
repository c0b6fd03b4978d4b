package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every valid record survives its codec unchanged, and its encoding is stable. */
class CodecPropertiesTest {

    @Property(tries = 500, seed = "20261126")
    void transactionsRoundTripEqualAndByteStable(@ForAll("transactions") Transaction transaction) {
        assertRoundTrips(TransactionCodec.INSTANCE, transaction);
    }

    @Property(tries = 300, seed = "20261126")
    void alertsRoundTripEqualAndByteStable(@ForAll("alerts") Alert alert) {
        assertRoundTrips(AlertCodec.INSTANCE, alert);
    }

    @Property(tries = 500, seed = "20261126")
    void verdictsRoundTripEqualAndByteStable(@ForAll("verdicts") Verdict verdict) {
        assertRoundTrips(VerdictCodec.INSTANCE, verdict);
    }

    @Property(tries = 300, seed = "20261201")
    void scoresRoundTripEqualAndByteStable(@ForAll("scores") TransactionScore score) {
        assertRoundTrips(TransactionScoreCodec.INSTANCE, score);
    }

    @Property(tries = 300, seed = "20261126")
    void deadLettersRoundTripEqualAndByteStable(@ForAll("deadLetters") DeadLetter deadLetter) {
        assertRoundTrips(DeadLetterCodec.INSTANCE, deadLetter);
    }

    @Property(tries = 300, seed = "20261201")
    void ruleHitsRoundTripEqualAndByteStable(@ForAll("ruleHits") RuleHit hit) {
        assertRoundTrips(RuleHitCodec.INSTANCE, hit);
    }

    @Property(tries = 300, seed = "20261201")
    void ruleStatusesRoundTripEqualAndByteStable(@ForAll("ruleStatuses") RuleStatus status) {
        assertRoundTrips(RuleStatusCodec.INSTANCE, status);
    }

    @Property(tries = 300, seed = "20261201")
    void groundTruthsRoundTripEqualAndByteStable(@ForAll("groundTruths") GroundTruth label) {
        assertRoundTrips(GroundTruthCodec.INSTANCE, label);
    }

    @Property(tries = 500, seed = "20261126")
    void anAmountReadsTheSameWrittenAsANumberOrAsAString(@ForAll("amounts") BigDecimal amount) {
        JsonObject json = Events.TRANSACTION_JSON.with("amount", amount.toPlainString());
        JsonObject quoted = json.with("amount", JsonObject.str(amount.toPlainString()));

        assertThat(TransactionCodec.INSTANCE.decode(json.bytes()).amount()).isEqualTo(amount);
        assertThat(TransactionCodec.INSTANCE.decode(quoted.bytes()).amount()).isEqualTo(amount);
    }

    @Property(tries = 500, seed = "20261126")
    void unknownFieldsNeverChangeTheDecodedTransaction(
            @ForAll("transactions") Transaction transaction, @ForAll("ids") String unknownValue) {
        String json = new String(TransactionCodec.INSTANCE.encode(transaction), UTF_8);
        String withUnknown =
                "{\"note\":"
                        + quote(unknownValue)
                        + ","
                        + json.substring(1, json.length() - 1)
                        + ",\"x\":{\"y\":["
                        + quote(unknownValue)
                        + "]}}";

        assertThat(TransactionCodec.INSTANCE.decode(withUnknown.getBytes(UTF_8)))
                .isEqualTo(transaction);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        return EventArbitraries.transactions();
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return EventArbitraries.amounts();
    }

    @Provide
    Arbitrary<String> ids() {
        return EventArbitraries.ids();
    }

    @Provide
    Arbitrary<Alert> alerts() {
        return EventArbitraries.alerts();
    }

    @Provide
    Arbitrary<Verdict> verdicts() {
        return EventArbitraries.verdicts();
    }

    @Provide
    Arbitrary<TransactionScore> scores() {
        return EventArbitraries.transactionScores();
    }

    @Provide
    Arbitrary<DeadLetter> deadLetters() {
        return EventArbitraries.deadLetters();
    }

    @Provide
    Arbitrary<RuleHit> ruleHits() {
        return EventArbitraries.ruleHits();
    }

    @Provide
    Arbitrary<RuleStatus> ruleStatuses() {
        return EventArbitraries.ruleStatuses();
    }

    @Provide
    Arbitrary<GroundTruth> groundTruths() {
        return EventArbitraries.groundTruths();
    }
}
