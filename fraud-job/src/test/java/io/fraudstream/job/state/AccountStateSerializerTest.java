package io.fraudstream.job.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.config.JobConfigLoader;
import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.CardEvaluator;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.features.Feature;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract tests, on states the detectors built and on random ones. */
class AccountStateSerializerTest extends SerializerTestBase<AccountState> {

    AccountStateSerializerTest() {
        // states have no equals: compare them field by field, as the round trips must keep them
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof AccountState && b instanceof AccountState,
                                (a, b, checker) -> RandomState.sameFields(a, b)));
    }

    @Override
    protected TypeSerializer<AccountState> createSerializer() {
        return new AccountStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<AccountState> getTypeClass() {
        return AccountState.class;
    }

    @Override
    protected AccountState[] getTestData() {
        SplittableRandom random = new SplittableRandom(7);
        List<AccountState> states = new ArrayList<>();
        CardEvaluator evaluator =
                new CardEvaluator(JobConfigLoader.load(new String[0]).detectors());
        states.add(evaluator.newState());
        AccountState built = evaluator.newState();
        List<Detection> found = new ArrayList<>();
        double[] features = new double[Feature.COUNT];
        long time = Instant.parse("2026-01-10T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200; i++) {
            time += random.nextLong(1, 3_600_000);
            Transaction tx =
                    new Transaction(
                            "tx-" + i,
                            "acct-1",
                            Instant.ofEpochMilli(time),
                            BigDecimal.valueOf(random.nextInt(1, 500_000), 2),
                            "EUR",
                            "m-" + random.nextInt(5),
                            "t-" + random.nextInt(5),
                            "5411",
                            "DE",
                            i % 3 == 0 ? null : 52.5 + random.nextDouble(),
                            i % 3 == 0 ? null : 13.4,
                            i % 3 == 0 ? Transaction.Channel.ECOM : Transaction.Channel.POS);
            evaluator.evaluate(built, tx, time, found, features);
        }
        built.verdicts.add(time, true);
        states.add(built);
        for (int i = 0; i < 6; i++) {
            states.add(RandomState.fill(new AccountState(), random));
        }
        AccountState bare = new AccountState();
        bare.activity = null;
        bare.verdicts = null;
        states.add(bare);
        return states.toArray(new AccountState[0]);
    }

    @Override
    protected void deepEquals(String message, AccountState should, AccountState is) {
        assertThat(is).as(message).usingRecursiveComparison().isEqualTo(should);
    }

    @Test
    void aStateFromANewerFormatIsRefusedNamingIt() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(1);
        out.writeByte(9);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

        assertThatThrownBy(() -> new AccountStateSerializer().deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 9");
    }

    @Test
    void aTruncatedBlockIsAnError() throws IOException {
        DataOutputSerializer whole = new DataOutputSerializer(2048);
        new AccountStateSerializer().serialize(getTestData()[1], whole);
        byte[] bytes = whole.getCopyOfBuffer();
        DataOutputSerializer cut = new DataOutputSerializer(2048);
        cut.writeInt(40);
        cut.write(bytes, 4, 40);

        assertThatThrownBy(
                        () ->
                                new AccountStateSerializer()
                                        .deserialize(
                                                new DataInputDeserializer(cut.getCopyOfBuffer())))
                .isInstanceOf(IOException.class);
    }
}
