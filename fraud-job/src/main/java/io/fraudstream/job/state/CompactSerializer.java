package io.fraudstream.job.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A serializer for the job's large keyed state values that writes a value as one length-prefixed
 * block of bytes. Flink's POJO serializer writes every array element with its own call through the
 * checkpoint stream's layers and reads fields by reflection; a heap-backend checkpoint of 100,000
 * accounts spent most of its time there (docs/BENCHMARKS.md). Here a value is encoded into an
 * in-memory buffer and handed to the stream in one write; copies (the heap backend's copy on write
 * during an asynchronous snapshot) go through the same encoding. Each block starts with a format
 * version, so a later layout can still read this one.
 *
 * <p>Stateful (its buffers): {@link #duplicate()} gives each thread its own.
 */
abstract class CompactSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private transient DataOutputSerializer buffer;
    private transient DataInputDeserializer input;
    private transient byte[] bytes;

    /** Writes the value's fields, after the format version. */
    abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads a value written by {@link #write} in format {@code version}. */
    abstract T read(int version, DataInputView in) throws IOException;

    /** The format version this serializer writes. */
    abstract int version();

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T value, DataOutputView target) throws IOException {
        DataOutputSerializer encoded = encode(value);
        target.writeInt(encoded.length());
        target.write(encoded.getSharedBuffer(), 0, encoded.length());
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 1) {
            throw new IOException("corrupt state: a block of " + length + " bytes");
        }
        if (bytes == null || bytes.length < length) {
            bytes = new byte[Math.max(length, 1024)];
        }
        source.readFully(bytes, 0, length);
        return decode(bytes, length);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final T copy(T from) {
        try {
            DataOutputSerializer encoded = encode(from);
            return decode(encoded.getSharedBuffer(), encoded.length());
        } catch (IOException e) {
            throw new IllegalStateException("copying state", e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    private DataOutputSerializer encode(T value) throws IOException {
        if (buffer == null) {
            buffer = new DataOutputSerializer(1024);
        }
        buffer.clear();
        buffer.writeByte(version());
        write(value, buffer);
        return buffer;
    }

    private T decode(byte[] data, int length) throws IOException {
        if (input == null) {
            input = new DataInputDeserializer();
        }
        input.setBuffer(data, 0, length);
        int version = input.readUnsignedByte();
        if (version < 1 || version > version()) {
            throw new IOException(
                    "state written in format " + version + ", this job reads 1 .. " + version());
        }
        T value = read(version, input);
        if (input.available() != 0) {
            throw new IOException("corrupt state: " + input.available() + " bytes left over");
        }
        return value;
    }

    // Arrays: a length (-1 for null), then the elements.

    static void writeLongs(long[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    static long[] readLongs(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    static void writeInts(int[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (int v : values) {
                out.writeInt(v);
            }
        }
    }

    static int[] readInts(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeShorts(short[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (short v : values) {
                out.writeShort(v);
            }
        }
    }

    static short[] readShorts(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        short[] values = new short[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readShort();
        }
        return values;
    }

    static void writeBytes(byte[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            out.write(values);
        }
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] values = new byte[n];
        in.readFully(values);
        return values;
    }

    static void writeBooleans(boolean[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (boolean v : values) {
                out.writeBoolean(v);
            }
        }
    }

    static boolean[] readBooleans(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        boolean[] values = new boolean[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readBoolean();
        }
        return values;
    }

    static void writeFloats(float[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    static float[] readFloats(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (String v : values) {
                StringValue.writeString(v, out);
            }
        }
    }

    static String[] readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = StringValue.readString(in);
        }
        return values;
    }
}
