package io.fraudstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.Transaction;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.model.card.AccountState;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
    void accountStateUsesThePojoSerializer() throws IOException {
        AccountState state = AccountState.create(12, 12);
        state.recentTimes[0] = 1000;
        state.recentIds[0] = "t-1";
        state.recentCount = 1;
        state.profileSum = 3.5;
        state.lastAlertTime = 77;

        AccountState back = roundTrip(serializerWithoutKryo(AccountState.class), state);

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
    }
}
