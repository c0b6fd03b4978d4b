package io.fraudstream.job.state;

import io.fraudstream.model.card.AccountState;
import io.fraudstream.model.card.CardActivity;
import io.fraudstream.model.card.CardVerdicts;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link AccountState} as one block: every field, its card activity and its verdicts. */
public final class AccountStateSerializer extends CompactSerializer<AccountState> {

    private static final long serialVersionUID = 1L;

    @Override
    int version() {
        return 1;
    }

    @Override
    void write(AccountState s, DataOutputView out) throws IOException {
        writeLongs(s.recentTimes, out);
        writeStrings(s.recentIds, out);
        out.writeInt(s.recentCount);
        writeInts(s.spendBucket, out);
        writeFloats(s.spendSum, out);
        out.writeDouble(s.profileWeight);
        out.writeDouble(s.profileSum);
        out.writeDouble(s.profileSumSquares);
        out.writeDouble(s.profileSpend);
        out.writeLong(s.profileTime);
        out.writeInt(s.profileCount);
        out.writeLong(s.firstSeen);
        out.writeLong(s.lastSeen);
        out.writeInt(s.probeCount);
        out.writeLong(s.lastProbeTime);
        out.writeDouble(s.lastLat);
        out.writeDouble(s.lastLon);
        out.writeLong(s.lastPresentTime);
        out.writeLong(s.lastAlertTime);
        out.writeInt(s.lastAlertSeverity);
        out.writeLong(s.cleanupTimer);
        out.writeLong(s.lastActivity);
        out.writeInt(s.heldCount);
        CardActivity a = s.activity;
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeLong(a.newestHour);
            writeBytes(a.hourCount, out);
            writeFloats(a.hourSum, out);
            out.writeLong(a.newestDay);
            writeShorts(a.dayCount, out);
            writeFloats(a.daySum, out);
        }
        CardVerdicts v = s.verdicts;
        out.writeBoolean(v != null);
        if (v != null) {
            writeLongs(v.pendingTimes, out);
            writeBooleans(v.pendingFraud, out);
            out.writeInt(v.pendingCount);
            out.writeLong(v.compromisedSince);
            out.writeLong(v.newestApplied);
            out.writeLong(v.newestFraud);
            out.writeInt(v.confirmedFrauds);
        }
    }

    @Override
    AccountState read(int version, DataInputView in) throws IOException {
        AccountState s = new AccountState();
        s.recentTimes = readLongs(in);
        s.recentIds = readStrings(in);
        s.recentCount = in.readInt();
        s.spendBucket = readInts(in);
        s.spendSum = readFloats(in);
        s.profileWeight = in.readDouble();
        s.profileSum = in.readDouble();
        s.profileSumSquares = in.readDouble();
        s.profileSpend = in.readDouble();
        s.profileTime = in.readLong();
        s.profileCount = in.readInt();
        s.firstSeen = in.readLong();
        s.lastSeen = in.readLong();
        s.probeCount = in.readInt();
        s.lastProbeTime = in.readLong();
        s.lastLat = in.readDouble();
        s.lastLon = in.readDouble();
        s.lastPresentTime = in.readLong();
        s.lastAlertTime = in.readLong();
        s.lastAlertSeverity = in.readInt();
        s.cleanupTimer = in.readLong();
        s.lastActivity = in.readLong();
        s.heldCount = in.readInt();
        if (in.readBoolean()) {
            CardActivity a = s.activity;
            a.newestHour = in.readLong();
            a.hourCount = readBytes(in);
            a.hourSum = readFloats(in);
            a.newestDay = in.readLong();
            a.dayCount = readShorts(in);
            a.daySum = readFloats(in);
        } else {
            s.activity = null;
        }
        if (in.readBoolean()) {
            CardVerdicts v = s.verdicts;
            v.pendingTimes = readLongs(in);
            v.pendingFraud = readBooleans(in);
            v.pendingCount = in.readInt();
            v.compromisedSince = in.readLong();
            v.newestApplied = in.readLong();
            v.newestFraud = in.readLong();
            v.confirmedFrauds = in.readInt();
        } else {
            s.verdicts = null;
        }
        return s;
    }

    @Override
    public TypeSerializer<AccountState> duplicate() {
        return new AccountStateSerializer();
    }

    @Override
    public AccountState createInstance() {
        return new AccountState();
    }

    @Override
    public TypeSerializerSnapshot<AccountState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint or savepoint; the format is in each value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccountState> {
        public Snapshot() {
            super(AccountStateSerializer::new);
        }
    }
}
