package io.fraudstream.job.exchange;

import io.fraudstream.job.entity.EntityEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** The entity tracker's input, one or two per transaction: its key and three longs. */
public final class EntityEventSerializer extends ExchangeSerializer<EntityEvent> {

    private static final long serialVersionUID = 1L;

    /** The stream type for {@code .returns(...)}. */
    public static final TypeInformation<EntityEvent> TYPE =
            new ExchangeType<>(EntityEvent.class, EntityEventSerializer::new);

    @Override
    public void serialize(EntityEvent event, DataOutputView out) throws IOException {
        StringValue.writeString(event.key, out);
        out.writeLong(event.day);
        out.writeLong(event.knownAt);
        out.writeLong(event.transactionHash);
    }

    @Override
    public EntityEvent deserialize(DataInputView in) throws IOException {
        EntityEvent event = new EntityEvent();
        event.key = StringValue.readString(in);
        event.day = in.readLong();
        event.knownAt = in.readLong();
        event.transactionHash = in.readLong();
        return event;
    }

    @Override
    public TypeSerializer<EntityEvent> duplicate() {
        return new EntityEventSerializer();
    }

    @Override
    public EntityEvent createInstance() {
        return new EntityEvent();
    }

    @Override
    public TypeSerializerSnapshot<EntityEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Only for completeness: exchanges are not snapshotted with their serializers. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EntityEvent> {
        public Snapshot() {
            super(EntityEventSerializer::new);
        }
    }
}
