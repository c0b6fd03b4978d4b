package io.fraudstream.txgen.score;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type and read them: {@code 1d}, {@code 12h}, {@code 250ms}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code <number><unit>} with unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code
     * d}, a bare {@code 0}, or an ISO-8601 duration such as {@code PT1H30M} or {@code P1D}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not a duration: '"
                            + text
                            + "' (use a number and a unit: 500ms, 30s, 15m, 12h, 1d; or ISO-8601"
                            + " such as PT1H)");
        }
    }

    /** A readable rendering of nanoseconds: {@code 12.3 ms}, {@code 4.50 s}, {@code 3m 07s}. */
    public static String format(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        long seconds = abs / 1_000_000_000L;
        if (abs < 1_000_000_000L) {
            return sign + String.format(Locale.ROOT, "%.1f ms", abs / 1e6);
        }
        if (seconds < 60) {
            return sign + String.format(Locale.ROOT, "%.2f s", abs / 1e9);
        }
        if (seconds < 3600) {
            return sign + String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return sign
                    + String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return sign
                + String.format(Locale.ROOT, "%dd %02dh", seconds / 86400, seconds % 86400 / 3600);
    }
}
