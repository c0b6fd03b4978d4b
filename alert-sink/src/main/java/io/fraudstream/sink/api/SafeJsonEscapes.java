package io.fraudstream.sink.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fraudstream.events.TextRules;

/**
 * JSON escapes for everything the API writes: besides JSON's own, {@code < > & '} (so a response
 * never holds markup, whatever a browser makes of it) and the invisible characters (bidi controls,
 * zero-width spaces, U+2028 and U+2029), written as {@code \\uXXXX} so they can neither reorder nor
 * hide text nor end a line of script.
 */
final class SafeJsonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii = standardAsciiEscapesForJSON();

    SafeJsonEscapes() {
        for (char c : new char[] {'<', '>', '&', '\''}) {
            ascii[c] = ESCAPE_STANDARD;
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (TextRules.invisible(ch)) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
