package io.fraudstream.job.exchange;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.source.Ingested;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The scoring operator's input on its keyed exchange. A transaction to score, nearly every record,
 * goes as a tag byte, the scheduling fields and the transaction's fields in binary (strings as
 * Flink's {@link StringValue}, the time as seconds and nanos, an amount of up to 18 digits as its
 * unscaled long and scale); verdicts and rule answers, a few per thousand, go through Flink's POJO
 * serializer behind another tag.
 */
public final class CardInputSerializer extends ExchangeSerializer<CardInput> {

    private static final long serialVersionUID = 1L;

    /** The stream type for {@code .returns(...)}. */
    public static final TypeInformation<CardInput> TYPE =
            new ExchangeType<>(CardInput.class, CardInputSerializer::new);

    private static final int TRANSACTION = 1;
    private static final int OTHER = 2;
    private static final Transaction.Channel[] CHANNELS = Transaction.Channel.values();

    private final TypeSerializer<CardInput> pojo;

    public CardInputSerializer() {
        this(TypeInformation.of(CardInput.class).createSerializer(new SerializerConfigImpl()));
    }

    private CardInputSerializer(TypeSerializer<CardInput> pojo) {
        this.pojo = pojo;
    }

    @Override
    public void serialize(CardInput in, DataOutputView out) throws IOException {
        Ingested tx = in.transaction;
        if (tx == null
                || tx.transaction == null
                || tx.deadLetter != null
                || tx.key != null
                || in.verdict != null
                || in.ruleAnswer
                || in.ruleHit != null
                || in.answerAccount != null) {
            out.writeByte(OTHER);
            pojo.serialize(in, out);
            return;
        }
        out.writeByte(TRANSACTION);
        out.writeBoolean(in.late);
        out.writeLong(in.seq);
        out.writeInt(in.rulesExpected);
        out.writeLong(in.ruleDeadline);
        out.writeLong(tx.ingestTime);
        out.writeLong(tx.receivedAt);
        out.writeBoolean(tx.implausibleTime);
        writeTransaction(tx.transaction, out);
    }

    @Override
    public CardInput deserialize(DataInputView source) throws IOException {
        int tag = source.readUnsignedByte();
        if (tag == OTHER) {
            return pojo.deserialize(source);
        }
        if (tag != TRANSACTION) {
            throw new IOException("corrupt exchange record: tag " + tag);
        }
        CardInput in = new CardInput();
        in.late = source.readBoolean();
        in.seq = source.readLong();
        in.rulesExpected = source.readInt();
        in.ruleDeadline = source.readLong();
        Ingested tx = new Ingested();
        tx.ingestTime = source.readLong();
        tx.receivedAt = source.readLong();
        tx.implausibleTime = source.readBoolean();
        tx.transaction = readTransaction(source);
        in.transaction = tx;
        return in;
    }

    /** A transaction's fields in binary; null fields as Flink writes null strings. */
    static void writeTransaction(Transaction tx, DataOutputView out) throws IOException {
        StringValue.writeString(tx.transactionId(), out);
        StringValue.writeString(tx.accountId(), out);
        out.writeLong(tx.timestamp().getEpochSecond());
        out.writeInt(tx.timestamp().getNano());
        BigDecimal amount = tx.amount();
        if (amount.precision() <= 18 && amount.scale() >= 0) {
            out.writeByte(amount.scale());
            out.writeLong(amount.unscaledValue().longValue());
        } else {
            out.writeByte(-1);
            StringValue.writeString(amount.toPlainString(), out);
        }
        StringValue.writeString(tx.currency(), out);
        StringValue.writeString(tx.merchantId(), out);
        StringValue.writeString(tx.terminalId(), out);
        StringValue.writeString(tx.mcc(), out);
        StringValue.writeString(tx.country(), out);
        boolean located = tx.lat() != null;
        out.writeBoolean(located);
        if (located) {
            out.writeDouble(tx.lat());
            out.writeDouble(tx.lon());
        }
        out.writeByte(tx.channel() == null ? -1 : tx.channel().ordinal());
    }

    static Transaction readTransaction(DataInputView in) throws IOException {
        String transactionId = StringValue.readString(in);
        String accountId = StringValue.readString(in);
        Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
        int scale = in.readByte();
        BigDecimal amount =
                scale >= 0
                        ? BigDecimal.valueOf(in.readLong(), scale)
                        : new BigDecimal(StringValue.readString(in));
        String currency = StringValue.readString(in);
        String merchantId = StringValue.readString(in);
        String terminalId = StringValue.readString(in);
        String mcc = StringValue.readString(in);
        String country = StringValue.readString(in);
        Double lat = null;
        Double lon = null;
        if (in.readBoolean()) {
            lat = in.readDouble();
            lon = in.readDouble();
        }
        int channel = in.readByte();
        return new Transaction(
                transactionId,
                accountId,
                timestamp,
                amount,
                currency,
                merchantId,
                terminalId,
                mcc,
                country,
                lat,
                lon,
                channel < 0 ? null : CHANNELS[channel]);
    }

    @Override
    public TypeSerializer<CardInput> duplicate() {
        return new CardInputSerializer(pojo.duplicate());
    }

    @Override
    public CardInput createInstance() {
        return new CardInput();
    }

    @Override
    public TypeSerializerSnapshot<CardInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Only for completeness: exchanges are not snapshotted with their serializers. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CardInput> {
        public Snapshot() {
            super(CardInputSerializer::new);
        }
    }
}
