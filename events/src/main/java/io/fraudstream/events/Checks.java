package io.fraudstream.events;

import java.time.Instant;

/** Field validation shared by the event records, throwing {@link InvalidEventException}. */
final class Checks {

    /** Longest id accepted (UTF-16 code units); ids are keys and state names, not documents. */
    static final int MAX_ID_LENGTH = 256;

    /** Earliest instant an event may carry: the first one with a four-digit ISO-8601 year. */
    static final Instant MIN_INSTANT = Instant.parse("0000-01-01T00:00:00Z");

    /** Latest instant an event may carry: beyond it ISO-8601 needs a signed, wider year. */
    static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Echoed values are cut to this many code units so a hostile value cannot bloat errors. */
    private static final int MAX_ECHO_LENGTH = 64;

    private Checks() {}

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidEventException(field, "required");
        }
        return value;
    }

    /**
     * A required identifier: non-blank, at most 256 code units, no control characters and no
     * invisible format characters (bidi overrides, zero-width spaces: they make two ids that look
     * the same, or one that displays reversed).
     */
    static String id(String field, String value) {
        return text(field, required(field, value), MAX_ID_LENGTH, false);
    }

    /** An optional identifier: {@code null}, or as {@link #id}. */
    static String optionalId(String field, String value) {
        return value == null ? null : text(field, value, MAX_ID_LENGTH, false);
    }

    /**
     * Checks a non-null string: non-blank, at most {@code maxLength} code units, valid Unicode (an
     * unpaired surrogate is no character: UTF-8 cannot carry it and consumers would mangle it), and
     * unless {@code allowControl} free of control characters and of {@linkplain #invisible
     * invisible ones}.
     */
    static String text(String field, String value, int maxLength, boolean allowControl) {
        int length = value.length();
        if (length > maxLength) {
            throw new InvalidEventException(
                    field, "longer than " + maxLength + " characters, was " + length);
        }
        boolean blank = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            // Printable ASCII, nearly every character of every event: none of the checks below.
            if (c > ' ' && c < 0x7F) {
                blank = false;
                continue;
            }
            if (c == ' ') {
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    if (!allowControl && invisible(value.codePointAt(i))) {
                        throw new InvalidEventException(
                                field,
                                "must not contain invisible or bidi format characters, was "
                                        + quote(value));
                    }
                    i++;
                    blank = false;
                    continue;
                }
                throw new InvalidEventException(
                        field, "not valid Unicode (unpaired surrogate at index " + i + ")");
            }
            if (!allowControl && Character.isISOControl(c)) {
                throw new InvalidEventException(
                        field, "must not contain control characters, was " + quote(value));
            }
            if (!allowControl && invisible(c)) {
                throw new InvalidEventException(
                        field,
                        "must not contain invisible or bidi format characters, was "
                                + quote(value));
            }
            blank &= Character.isWhitespace(c);
        }
        if (blank) {
            throw new InvalidEventException(
                    field, length == 0 ? "must not be empty" : "must not be blank");
        }
        return value;
    }

    /**
     * Format characters (Unicode category Cf: bidi embeddings, overrides and isolates, zero-width
     * spaces and joiners, the byte-order mark) and the line and paragraph separators. None has a
     * place in an identifier; all of them change how text around them displays. Those outside the
     * BMP (tag characters) arrive as surrogate pairs, which {@link #text} checks as pairs.
     */
    static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT
                || codePoint == '\u2028'
                || codePoint == '\u2029';
    }

    static Instant instant(String field, Instant value) {
        required(field, value);
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new InvalidEventException(field, "outside the years 0000 to 9999, was " + value);
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(field, "must be a finite number, was " + value);
        }
        return value;
    }

    static double inRange(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new InvalidEventException(
                    field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /**
     * Quotes a value for an error message: JSON-style escapes for quotes, backslashes, control
     * characters and unpaired surrogates, cut after 64 code units.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO_LENGTH) + 8);
        out.append('"');
        int end = Math.min(value.length(), MAX_ECHO_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (invisible(value.codePointAt(i))) {
                    out.append(String.format("\\u%04x\\u%04x", (int) c, (int) value.charAt(i + 1)));
                    i++;
                } else {
                    out.append(c).append(value.charAt(++i));
                }
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || invisible(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (end < value.length()) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }

    /**
     * Makes free text safe to store in another event: unpaired surrogates become U+FFFD and the
     * text is cut to {@code maxLength} code units without splitting a surrogate pair.
     */
    static String printable(String text, int maxLength) {
        int length = text.length();
        boolean clean = length <= maxLength;
        for (int i = 0; clean && i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                clean = false;
            }
        }
        if (clean) {
            return text;
        }
        boolean cut = length > maxLength;
        int limit = cut ? maxLength - 3 : length;
        StringBuilder out = new StringBuilder(maxLength);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1));
            if (out.length() + (pair ? 2 : 1) > limit) {
                break;
            }
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        if (cut) {
            out.append("...");
        }
        return out.toString();
    }
}
