package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.EventSchemas.Event;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever valid event a codec encodes, its published schema accepts. */
class EventSchemaPropertiesTest {

    @Property(tries = 300, seed = "20261201")
    void encodedTransactionsValidate(@ForAll("transactions") Transaction transaction) {
        assertValid(Event.TRANSACTION, TransactionCodec.INSTANCE.encode(transaction));
    }

    @Property(tries = 200, seed = "20261201")
    void encodedAlertsValidate(@ForAll("alerts") Alert alert) {
        assertValid(Event.ALERT, AlertCodec.INSTANCE.encode(alert));
    }

    @Property(tries = 200, seed = "20261201")
    void encodedScoresValidate(@ForAll("scores") TransactionScore score) {
        assertValid(Event.TRANSACTION_SCORE, TransactionScoreCodec.INSTANCE.encode(score));
    }

    @Property(tries = 300, seed = "20261201")
    void encodedVerdictsValidate(@ForAll("verdicts") Verdict verdict) {
        assertValid(Event.VERDICT, VerdictCodec.INSTANCE.encode(verdict));
    }

    @Property(tries = 300, seed = "20261201")
    void encodedRuleHitsValidate(@ForAll("ruleHits") RuleHit hit) {
        assertValid(Event.RULE_HIT, RuleHitCodec.INSTANCE.encode(hit));
    }

    @Property(tries = 300, seed = "20261201")
    void encodedRuleStatusesValidate(@ForAll("ruleStatuses") RuleStatus status) {
        assertValid(Event.RULE_STATUS, RuleStatusCodec.INSTANCE.encode(status));
    }

    @Property(tries = 200, seed = "20261201")
    void encodedDeadLettersValidate(@ForAll("deadLetters") DeadLetter deadLetter) {
        assertValid(Event.DEAD_LETTER, DeadLetterCodec.INSTANCE.encode(deadLetter));
    }

    @Property(tries = 300, seed = "20261201")
    void encodedGroundTruthsValidate(@ForAll("groundTruths") GroundTruth label) {
        assertValid(Event.GROUND_TRUTH, GroundTruthCodec.INSTANCE.encode(label));
    }

    private static void assertValid(Event event, byte[] json) {
        assertThat(EventSchemas.violations(event.file, json)).isEmpty();
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        return EventArbitraries.transactions();
    }

    @Provide
    Arbitrary<Alert> alerts() {
        return EventArbitraries.alerts();
    }

    @Provide
    Arbitrary<TransactionScore> scores() {
        return EventArbitraries.transactionScores();
    }

    @Provide
    Arbitrary<Verdict> verdicts() {
        return EventArbitraries.verdicts();
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
    Arbitrary<DeadLetter> deadLetters() {
        return EventArbitraries.deadLetters();
    }

    @Provide
    Arbitrary<GroundTruth> groundTruths() {
        return EventArbitraries.groundTruths();
    }
}
