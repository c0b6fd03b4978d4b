package io.fraudstream.events;

import java.math.BigDecimal;

/** Reads a decimal written as a JSON string, exactly, refusing anything that is not a number. */
final class Decimals {

    /** As long as the longest JSON number the parser accepts: no real amount comes close. */
    private static final int MAX_LENGTH = JsonCodec.MAX_NUMBER_LENGTH;

    private Decimals() {}

    /**
     * Parses the JSON number syntax ({@code -?digits(.digits)?([eE][+-]?digits)?}, leading zeros
     * allowed) into an exact {@link BigDecimal}.
     */
    static BigDecimal parse(String field, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidEventException(
                    field, "longer than " + MAX_LENGTH + " characters, was " + Checks.quote(text));
        }
        if (!isNumber(text)) {
            throw new InvalidEventException(
                    field,
                    (isNonFinite(text) ? "must be a finite number" : "not a decimal number")
                            + ", was "
                            + Checks.quote(text));
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // Only an exponent beyond the int range gets here.
            throw new InvalidEventException(
                    field, "exponent out of range, was " + Checks.quote(text), e);
        }
    }

    private static boolean isNumber(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && text.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigits(text, i);
        if (digits == i) {
            return false;
        }
        i = digits;
        if (i < length && text.charAt(i) == '.') {
            digits = skipDigits(text, ++i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            digits = skipDigits(text, i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        return i == length;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean isNonFinite(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return unsigned.equalsIgnoreCase("NaN")
                || unsigned.equalsIgnoreCase("Infinity")
                || unsigned.equalsIgnoreCase("Inf");
    }
}
