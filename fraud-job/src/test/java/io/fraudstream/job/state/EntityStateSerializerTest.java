package io.fraudstream.job.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.job.entity.EntityState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's serializer contract tests, on entity states built by their methods and random ones. */
class EntityStateSerializerTest extends SerializerTestBase<EntityState> {

    EntityStateSerializerTest() {
        // states have no equals: compare them field by field, as the round trips must keep them
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof EntityState && b instanceof EntityState,
                                (a, b, checker) -> RandomState.sameFields(a, b)));
    }

    @Override
    protected TypeSerializer<EntityState> createSerializer() {
        return new EntityStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EntityState> getTypeClass() {
        return EntityState.class;
    }

    @Override
    protected EntityState[] getTestData() {
        SplittableRandom random = new SplittableRandom(11);
        List<EntityState> states = new ArrayList<>();
        states.add(new EntityState());
        EntityState built = new EntityState();
        for (int day = 20_000; day < 20_045; day++) {
            for (int i = 0; i < day % 7; i++) {
                built.history.addTransaction(day);
            }
            if (day % 5 == 0) {
                built.history.addFraud(day, day * 31L);
                built.addPending(day * 86_400_000L, day, day * 17L);
            }
        }
        built.broadcast = true;
        states.add(built);
        for (int i = 0; i < 6; i++) {
            states.add(RandomState.fill(new EntityState(), random));
        }
        EntityState bare = new EntityState();
        bare.history = null;
        states.add(bare);
        return states.toArray(new EntityState[0]);
    }

    @Override
    protected void deepEquals(String message, EntityState should, EntityState is) {
        assertThat(is).as(message).usingRecursiveComparison().isEqualTo(should);
    }
}
