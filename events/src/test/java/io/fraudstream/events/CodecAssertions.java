package io.fraudstream.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Assertions every codec test makes: how a rejection reads, and the round-trip contract. */
final class CodecAssertions {

    private CodecAssertions() {}

    /**
     * Decoding fails naming {@code field} (null: the input as a whole) with exactly {@code
     * message}.
     */
    static void assertRejected(EventCodec<?> codec, byte[] input, String field, String message) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> codec.decode(input))
                .withMessage(message)
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
    }

    /** Decoding fails naming {@code field}, with a message that starts as given. */
    static void assertRejectedStartingWith(
            EventCodec<?> codec, byte[] input, String field, String messageStart) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> codec.decode(input))
                .withMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
    }

    /** The value survives encoding, and re-encoding what was decoded gives the same bytes. */
    static <T> void assertRoundTrips(EventCodec<T> codec, T value) {
        byte[] encoded = codec.encode(value);
        T decoded = codec.decode(encoded);
        assertThat(decoded).isEqualTo(value);
        assertThat(codec.encode(decoded)).isEqualTo(encoded);
    }

    /** For valid input, {@code encode(decode(x))} is a fixed point of decode-then-encode. */
    static <T> void assertFixedPoint(EventCodec<T> codec, byte[] input) {
        byte[] once = codec.encode(codec.decode(input));
        byte[] twice = codec.encode(codec.decode(once));
        assertThat(new String(twice, UTF_8)).isEqualTo(new String(once, UTF_8));
        assertThat(twice).isEqualTo(once);
    }
}
