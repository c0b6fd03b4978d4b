package io.fraudstream.txgen.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Parses the quantities of the command line: counts, rates and instants (durations: {@link
 * io.fraudstream.events.Durations}).
 */
public final class Quantities {

    private Quantities() {}

    /**
     * A count such as {@code 2000000}, {@code 2_000_000}, {@code 200k} or {@code 2M}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static long count(String text) {
        double value = scaled(text, "a count");
        if (value < 0 || value != Math.rint(value) || value > Long.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a whole number >= 0 (such as 5000, 200k or 2M)");
        }
        return (long) value;
    }

    /** A positive rate such as {@code 5000}, {@code 100k} or {@code 1.5M}. */
    public static double positive(String text, String what) {
        double value = scaled(text, what);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be > 0, was '" + text + "'");
        }
        return value;
    }

    private static double scaled(String text, String what) {
        String s = text.strip().replace("_", "");
        double factor = 1;
        if (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            if (last == 'k' || last == 'K') {
                factor = 1e3;
            } else if (last == 'm' || last == 'M') {
                factor = 1e6;
            }
            if (factor != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            return Double.parseDouble(s) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not " + what + " (such as 5000, 200k or 2M)");
        }
    }

    /**
     * An instant: ISO-8601 ({@code 2026-01-05T08:00:00Z}), a date ({@code 2026-01-05}, UTC) or
     * {@code now} (the wall clock, to the second).
     */
    public static Instant instant(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("now")) {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return s.length() == 10
                    ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not an instant (such as 2026-01-05T08:00:00Z, 2026-01-05 or"
                            + " now)");
        }
    }
}
