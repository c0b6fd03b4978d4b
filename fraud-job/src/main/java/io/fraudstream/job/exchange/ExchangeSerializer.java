package io.fraudstream.job.exchange;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer for a record that crosses a keyed exchange on every transaction: fields
 * written straight into the network buffer, no reflection, no null flags per field, no nested
 * serializers. Not for state: what the job keeps in state has its own versioned serializers
 * (package {@code state}); an exchange's bytes never outlive the job that wrote them.
 *
 * <p>Stateful (a copy buffer): {@link #duplicate()} gives each thread its own.
 */
public abstract class ExchangeSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private transient DataOutputSerializer buffer;
    private transient DataInputDeserializer input;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final T copy(T from) {
        try {
            if (buffer == null) {
                buffer = new DataOutputSerializer(512);
                input = new DataInputDeserializer();
            }
            buffer.clear();
            serialize(from, buffer);
            input.setBuffer(buffer.getSharedBuffer(), 0, buffer.length());
            return deserialize(input);
        } catch (IOException e) {
            throw new IllegalStateException("copying a record", e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
