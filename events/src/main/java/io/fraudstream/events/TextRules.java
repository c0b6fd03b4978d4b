package io.fraudstream.events;

/**
 * The event contract's rules for identifiers and free text, for the services that take ids, names
 * and notes from elsewhere (an HTTP request, a command line) and must hold them to the same rules
 * before they reach an event or a store.
 */
public final class TextRules {

    /** Longest identifier of the contract, in UTF-16 code units. */
    public static final int MAX_ID_LENGTH = Checks.MAX_ID_LENGTH;

    private TextRules() {}

    /**
     * Returns {@code value} if it is a valid identifier of at most {@code maxLength} code units:
     * non-blank, valid Unicode, no control characters, no invisible or bidi format characters.
     *
     * @throws InvalidEventException naming {@code field} and what is wrong, with the value quoted
     *     and its control and format characters escaped
     */
    public static String identifier(String field, String value, int maxLength) {
        return Checks.text(field, Checks.required(field, value), maxLength, false);
    }

    /**
     * Returns {@code value} if it is valid free text of at most {@code maxLength} code units:
     * non-blank and valid Unicode (no unpaired surrogate); line breaks and other characters are
     * allowed, so whoever displays it must show them safely.
     *
     * @throws InvalidEventException naming {@code field} and what is wrong
     */
    public static String text(String field, String value, int maxLength) {
        return Checks.text(field, Checks.required(field, value), maxLength, true);
    }

    /** Whether {@code codePoint} is a format character or line/paragraph separator ids refuse. */
    public static boolean invisible(int codePoint) {
        return Checks.invisible(codePoint);
    }

    /**
     * {@code value} for an error message: quoted, control, format and unpaired surrogate characters
     * escaped as {@code \\uXXXX}, cut after 64 code units.
     */
    public static String quote(String value) {
        return Checks.quote(value);
    }
}
