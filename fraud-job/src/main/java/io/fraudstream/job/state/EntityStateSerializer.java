package io.fraudstream.job.state;

import io.fraudstream.job.entity.EntityState;
import io.fraudstream.model.entity.EntityHistory;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link EntityState} as one block: its history, pending frauds and timers. */
public final class EntityStateSerializer extends CompactSerializer<EntityState> {

    private static final long serialVersionUID = 1L;

    @Override
    int version() {
        return 1;
    }

    @Override
    void write(EntityState s, DataOutputView out) throws IOException {
        EntityHistory h = s.history;
        out.writeBoolean(h != null);
        if (h != null) {
            out.writeLong(h.newestDay);
            writeInts(h.transactions, out);
            writeShorts(h.frauds, out);
            writeLongs(h.fraudHashes, out);
            out.writeInt(h.fraudHashCount);
        }
        writeLongs(s.pendingKnownAt, out);
        writeLongs(s.pendingDay, out);
        writeLongs(s.pendingHash, out);
        out.writeInt(s.pendingCount);
        out.writeLong(s.midnightTimer);
        out.writeLong(s.cleanupTimer);
        out.writeLong(s.lastActiveDay);
        out.writeBoolean(s.broadcast);
    }

    @Override
    EntityState read(int version, DataInputView in) throws IOException {
        EntityState s = new EntityState();
        if (in.readBoolean()) {
            EntityHistory h = s.history;
            h.newestDay = in.readLong();
            h.transactions = readInts(in);
            h.frauds = readShorts(in);
            h.fraudHashes = readLongs(in);
            h.fraudHashCount = in.readInt();
        } else {
            s.history = null;
        }
        s.pendingKnownAt = readLongs(in);
        s.pendingDay = readLongs(in);
        s.pendingHash = readLongs(in);
        s.pendingCount = in.readInt();
        s.midnightTimer = in.readLong();
        s.cleanupTimer = in.readLong();
        s.lastActiveDay = in.readLong();
        s.broadcast = in.readBoolean();
        return s;
    }

    @Override
    public TypeSerializer<EntityState> duplicate() {
        return new EntityStateSerializer();
    }

    @Override
    public EntityState createInstance() {
        return new EntityState();
    }

    @Override
    public TypeSerializerSnapshot<EntityState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint or savepoint; the format is in each value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EntityState> {
        public Snapshot() {
            super(EntityStateSerializer::new);
        }
    }
}
