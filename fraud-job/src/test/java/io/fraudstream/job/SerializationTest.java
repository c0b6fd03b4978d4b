package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.Verdict;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.entity.EntityEvent;
import io.fraudstream.job.entity.EntitySnapshot;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.job.source.VerdictRecord;
import io.fraudstream.model.entity.EntityHistory;
import io.fraudstream.model.entity.EntityVersions;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every type the job moves between operators or keeps in state is serialized by Flink's own
 * serializers: with generic types disabled (as the job runs) a Kryo fallback would fail here.
 */
class SerializationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static <T> TypeSerializer<T> serializerWithoutKryo(Class<T> type) {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class).isNotInstanceOf(GenericTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return info.createSerializer(config);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void ingestedTransactionsUseThePojoSerializer() throws IOException {
        Transaction tx =
                new Transaction(
                        "t-1",
                        "acct-1",
                        NOW,
                        new BigDecimal("125.40"),
                        "EUR",
                        "m-1",
                        "term-1",
                        "5411",
                        "DE",
                        52.52,
                        13.4,
                        Transaction.Channel.POS);

        Ingested back = roundTrip(serializerWithoutKryo(Ingested.class), Ingested.valid(tx, 42));

        assertThat(back.transaction).isEqualTo(tx);
        assertThat(back.transaction.amount()).isEqualByComparingTo("125.40").hasScaleOf(2);
        assertThat(back.ingestTime).isEqualTo(42);
    }

    @Test
    void deadLettersUseThePojoSerializer() throws IOException {
        DeadLetter letter =
                new DeadLetter("amount: required", "amount", new byte[] {1, 2}, "tx", 3, 4, NOW);

        Ingested back =
                roundTrip(
                        serializerWithoutKryo(Ingested.class),
                        Ingested.invalid(letter, new byte[] {9}, 7));

        assertThat(back.deadLetter).isEqualTo(letter);
        assertThat(back.key).containsExactly(9);
    }

    @Test
    void alertsUseThePojoSerializer() throws IOException {
        Alert alert =
                new Alert(
                        "a-1",
                        "acct-1",
                        "t-9",
                        List.of("t-7", "t-8"),
                        NOW,
                        NOW,
                        0.75,
                        Alert.Severity.HIGH,
                        Alert.Action.FLAG,
                        List.of(new Alert.Reason("velocity", "7 transactions", 7, 5)),
                        "rules-v1",
                        false);

        assertThat(roundTrip(serializerWithoutKryo(Alert.class), alert)).isEqualTo(alert);
    }

    @Test
    void scoresUseThePojoSerializer() throws IOException {
        TransactionScore score =
                new TransactionScore(
                        "t-1",
                        "acct-1",
                        "term-1",
                        null,
                        NOW,
                        0.91,
                        TransactionScore.Decision.DECLINE,
                        "handbook-v2",
                        List.of(
                                new TransactionScore.Contribution(
                                        "amount", "amount 900.00", 900, 1.2)),
                        Map.of("amount", 900.0));

        assertThat(roundTrip(serializerWithoutKryo(TransactionScore.class), score))
                .isEqualTo(score);
    }

    @Test
    void verdictsOnTheCardAndEntityEventsUseThePojoSerializer() throws IOException {
        Verdict verdict =
                new Verdict(
                        "acct-1",
                        "t-1",
                        null,
                        "term-1",
                        Verdict.Label.FRAUD,
                        Verdict.Source.CHARGEBACK,
                        NOW,
                        null,
                        "m-1",
                        NOW.minusSeconds(3600));

        assertThat(roundTrip(serializerWithoutKryo(CardInput.class), CardInput.of(verdict)).verdict)
                .isEqualTo(verdict);
        assertThat(
                        roundTrip(
                                        serializerWithoutKryo(VerdictRecord.class),
                                        VerdictRecord.valid(verdict))
                                .verdict)
                .isEqualTo(verdict);
        EntityEvent event = EntityEvent.fraud("T:term-1", 20_000, 123, 456);
        assertThat(roundTrip(serializerWithoutKryo(EntityEvent.class), event))
                .usingRecursiveComparison()
                .isEqualTo(event);
    }

    @Test
    void entitySnapshotsAndVersionsUseThePojoSerializer() throws IOException {
        EntityHistory history = new EntityHistory();
        history.addTransaction(20_000);
        history.addFraud(20_000, 99);
        EntityVersions versions = new EntityVersions();
        versions.add(5, history);
        versions.add(9, null);

        assertThat(
                        roundTrip(
                                serializerWithoutKryo(EntitySnapshot.class),
                                EntitySnapshot.of("T:x", 5, history)))
                .usingRecursiveComparison()
                .isEqualTo(EntitySnapshot.of("T:x", 5, history));
        assertThat(roundTrip(serializerWithoutKryo(EntityVersions.class), versions))
                .usingRecursiveComparison()
                .isEqualTo(versions);
    }
}
