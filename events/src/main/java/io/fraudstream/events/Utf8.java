package io.fraudstream.events;

/**
 * Strict UTF-8 check run before parsing: Jackson decodes lazily and leniently (overlong forms,
 * encoded surrogates and bytes inside skipped values pass), and would guess UTF-16 or UTF-32 from
 * NUL bytes, but events are UTF-8 JSON and nothing else.
 */
final class Utf8 {

    private Utf8() {}

    /**
     * Returns the offset (relative to {@code offset}) of the first byte that is not part of
     * well-formed UTF-8 or is NUL (never valid in JSON text), or -1 if there is none.
     */
    static int firstInvalid(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            int b0 = b & 0xFF;
            int needed;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                needed = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                needed = 2;
                if (b0 == 0xE0) {
                    min2 = 0xA0; // shorter forms are overlong
                } else if (b0 == 0xED) {
                    max2 = 0x9F; // U+D800..U+DFFF are surrogates, not characters
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                needed = 3;
                if (b0 == 0xF0) {
                    min2 = 0x90; // shorter forms are overlong
                } else if (b0 == 0xF4) {
                    max2 = 0x8F; // beyond U+10FFFF
                }
            } else {
                return i - offset; // NUL, a stray continuation byte, C0, C1 or F5..FF
            }
            if (i + needed >= end) {
                return i - offset;
            }
            int b1 = bytes[i + 1] & 0xFF;
            if (b1 < min2 || b1 > max2) {
                return i - offset;
            }
            for (int k = 2; k <= needed; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i - offset;
                }
            }
            i += needed + 1;
        }
        return -1;
    }
}
