package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Utf8Test {

    @Property(tries = 5000, seed = "20261126")
    void agreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
        boolean jdkAccepts = decodesStrictly(bytes);
        boolean hasNul = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\0') >= 0;

        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkAccepts && !hasNul);
    }

    @Property(tries = 1000, seed = "20261126")
    void acceptsAnyValidTextWithoutNul(@ForAll("text") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Provide
    Arbitrary<String> text() {
        return EventArbitraries.text(400).map(s -> s.replace('\0', ' '));
    }

    /** Bytes biased to the edges of multi-byte sequences, where validators go wrong. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> interesting =
                Arbitraries.of(
                                0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
                                0xF4, 0xF5, 0xFF)
                        .map(Integer::byteValue);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes())
                .array(byte[].class)
                .ofMaxSize(12);
    }

    private static boolean decodesStrictly(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
