package io.fraudstream.job.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.Verdict;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.entity.EntityEvent;
import io.fraudstream.job.rules.RuleResult;
import io.fraudstream.job.source.Ingested;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The exchange serializers give back what they were given: every field of a transaction to score
 * (all set, all optional ones absent, an amount too long for a long), verdicts and rule answers
 * through the POJO fallback, entity events; several records in one buffer read back in order.
 */
class ExchangeSerializerTest {

    private static final Instant T = Instant.parse("2026-11-30T10:15:30.123456789Z");

    @Test
    void aTransactionToScoreComesBackFieldForField() throws IOException {
        CardInput in =
                CardInput.of(
                        ingested(
                                new Transaction(
                                        "tx-1",
                                        "acct-1",
                                        T,
                                        new BigDecimal("1234.56"),
                                        "EUR",
                                        "m-1",
                                        "t-1",
                                        "5411",
                                        "DE",
                                        52.52,
                                        13.405,
                                        Transaction.Channel.POS)),
                        77,
                        3);
        in.late = true;
        in.ruleDeadline = 123_456;

        CardInput back = roundTrip(new CardInputSerializer(), in);

        assertThat(back.transaction.transaction).isEqualTo(in.transaction.transaction);
        assertThat(back.transaction.ingestTime).isEqualTo(41);
        assertThat(back.transaction.receivedAt).isEqualTo(42);
        assertThat(back.late).isTrue();
        assertThat(back.seq).isEqualTo(77);
        assertThat(back.rulesExpected).isEqualTo(3);
        assertThat(back.ruleDeadline).isEqualTo(123_456);
        assertThat(back.verdict).isNull();
        assertThat(back.ruleAnswer).isFalse();
    }

    @Test
    void optionalFieldsStayAbsentAndALongAmountKeepsEveryDigit() throws IOException {
        Transaction tx =
                new Transaction(
                        "tx-2",
                        "acct-2",
                        T,
                        new BigDecimal("12345678901234567890.123456789012345678"),
                        "USD",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        CardInput back = roundTrip(new CardInputSerializer(), CardInput.of(ingested(tx)));

        assertThat(back.transaction.transaction).isEqualTo(tx);
        assertThat(back.transaction.transaction.amount().toPlainString())
                .isEqualTo("12345678901234567890.123456789012345678");
    }

    @Test
    void verdictsAndRuleAnswersGoThroughThePojoFallback() throws IOException {
        Verdict verdict =
                new Verdict(
                        "acct-3",
                        "tx-3",
                        null,
                        "t-3",
                        Verdict.Label.FRAUD,
                        Verdict.Source.CHARGEBACK,
                        T,
                        null,
                        null,
                        null);
        RuleResult hit = new RuleResult();
        hit.ruleId = "r-1";
        hit.ruleVersion = 2;
        hit.message = "12 at this terminal in 10 min";
        CardInputSerializer serializer = new CardInputSerializer();

        CardInput verdictBack = roundTrip(serializer, CardInput.of(verdict));
        CardInput answerBack = roundTrip(serializer, CardInput.ruleResult("acct-3", 9, hit));

        assertThat(verdictBack.verdict).isEqualTo(verdict);
        assertThat(verdictBack.transaction).isNull();
        assertThat(answerBack.ruleAnswer).isTrue();
        assertThat(answerBack.answerAccount).isEqualTo("acct-3");
        assertThat(answerBack.seq).isEqualTo(9);
        assertThat(answerBack.ruleHit.ruleId).isEqualTo("r-1");
        assertThat(answerBack.ruleHit.message).isEqualTo("12 at this terminal in 10 min");
    }

    @Test
    void entityEventsComeBackAndRecordsReadBackInOrder() throws IOException {
        EntityEventSerializer serializer = new EntityEventSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(EntityEvent.transaction("T:t-1", 20_000), out);
        serializer.serialize(EntityEvent.fraud("M:m-1", 20_001, 1_700_000_000_000L, -5), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

        EntityEvent first = serializer.deserialize(in);
        EntityEvent second = serializer.deserialize(in);

        assertThat(first.key).isEqualTo("T:t-1");
        assertThat(first.day).isEqualTo(20_000);
        assertThat(first.isFraud()).isFalse();
        assertThat(second.key).isEqualTo("M:m-1");
        assertThat(second.knownAt).isEqualTo(1_700_000_000_000L);
        assertThat(second.transactionHash).isEqualTo(-5);
        assertThat(in.available()).isZero();
    }

    @Test
    void copyIsADeepCopyThroughTheSameBytes() {
        CardInput in = CardInput.of(ingested(minimal("tx-4")));
        CardInput copy = new CardInputSerializer().copy(in);

        assertThat(copy).isNotSameAs(in);
        assertThat(copy.transaction).isNotSameAs(in.transaction);
        assertThat(copy.transaction.transaction).isEqualTo(in.transaction.transaction);
    }

    private static Ingested ingested(Transaction tx) {
        Ingested in = Ingested.valid(tx, 41);
        in.receivedAt = 42;
        return in;
    }

    private static Transaction minimal(String id) {
        return new Transaction(
                id, "acct", T, BigDecimal.ONE, "EUR", null, null, null, null, null, null, null);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
