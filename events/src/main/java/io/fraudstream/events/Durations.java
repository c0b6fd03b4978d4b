package io.fraudstream.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every program's options and command lines ({@code 500 ms}, {@code 10
 * s}, {@code 10 min}, {@code 1h30m}, {@code 35 d}, ISO-8601; a number alone is milliseconds), the
 * spellings Flink's own options accept, and short texts for messages.
 */
public final class Durations {

    private static final Pattern BARE = Pattern.compile("(\\d{1,18})");

    /** One term of a duration: a number, optional blanks, a unit, optional blanks. */
    private static final Pattern TERM =
            Pattern.compile("(\\d{1,18}(?:\\.\\d{1,9})?)\\s*([a-z]*)\\s*");

    private static final Map<String, Duration> UNITS =
            Map.ofEntries(
                    Map.entry("", Duration.ofMillis(1)),
                    Map.entry("ms", Duration.ofMillis(1)),
                    Map.entry("milli", Duration.ofMillis(1)),
                    Map.entry("millis", Duration.ofMillis(1)),
                    Map.entry("millisecond", Duration.ofMillis(1)),
                    Map.entry("milliseconds", Duration.ofMillis(1)),
                    Map.entry("s", Duration.ofSeconds(1)),
                    Map.entry("sec", Duration.ofSeconds(1)),
                    Map.entry("secs", Duration.ofSeconds(1)),
                    Map.entry("second", Duration.ofSeconds(1)),
                    Map.entry("seconds", Duration.ofSeconds(1)),
                    Map.entry("m", Duration.ofMinutes(1)),
                    Map.entry("min", Duration.ofMinutes(1)),
                    Map.entry("mins", Duration.ofMinutes(1)),
                    Map.entry("minute", Duration.ofMinutes(1)),
                    Map.entry("minutes", Duration.ofMinutes(1)),
                    Map.entry("h", Duration.ofHours(1)),
                    Map.entry("hour", Duration.ofHours(1)),
                    Map.entry("hours", Duration.ofHours(1)),
                    Map.entry("d", Duration.ofDays(1)),
                    Map.entry("day", Duration.ofDays(1)),
                    Map.entry("days", Duration.ofDays(1)));

    private Durations() {}

    /**
     * Parses a non-negative duration: a number and a unit ({@code 10 s}, {@code 1.5 h}), several of
     * them ({@code 1h30m}, {@code 1 h 30 min}), a number alone (milliseconds), or ISO-8601 ({@code
     * PT30S}).
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                Duration iso = Duration.parse(t);
                if (!iso.isNegative()) {
                    return iso;
                }
            } catch (DateTimeParseException e) {
                // reported below, as every other text that is not a duration
            }
            throw new IllegalArgumentException("not a duration: " + text);
        }
        Matcher bare = BARE.matcher(t);
        if (bare.matches()) {
            return Duration.ofMillis(Long.parseLong(bare.group(1)));
        }
        Matcher m = TERM.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        boolean any = false;
        while (m.find() && m.start() == end) {
            Duration unit = UNITS.get(m.group(2));
            if (unit == null || m.group(2).isEmpty()) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            try {
                total = total.plus(times(unit, new BigDecimal(m.group(1))));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            end = m.end();
            any = true;
        }
        if (!any || end != t.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    private static Duration times(Duration unit, BigDecimal count) {
        BigDecimal nanos = count.multiply(BigDecimal.valueOf(unit.toNanos()));
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * The duration in the largest unit that divides it: {@code 90 s}, {@code 2 h}, {@code 0 ms}.
     */
    public static String exact(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000L == 0) {
            return millis / 86_400_000L + " d";
        }
        if (millis != 0 && millis % 3_600_000L == 0) {
            return millis / 3_600_000L + " h";
        }
        if (millis != 0 && millis % 60_000L == 0) {
            return millis / 60_000L + " min";
        }
        if (millis != 0 && millis % 1000L == 0) {
            return millis / 1000L + " s";
        }
        return millis + " ms";
    }

    /** A short, rounded duration for messages: {@code 10 min}, {@code 1 h}, {@code 45 s}. */
    public static String text(Duration duration) {
        return text(duration.toMillis());
    }

    /** As {@link #text(Duration)}, of milliseconds. */
    public static String text(long millis) {
        if (millis % 86_400_000L == 0 && millis > 0) {
            return millis / 86_400_000L + " d";
        }
        if (millis % 3_600_000L == 0 && millis > 0) {
            return millis / 3_600_000L + " h";
        }
        if (millis >= 60_000L) {
            long minutes = Math.round(millis / 60_000.0);
            return minutes + " min";
        }
        if (millis >= 1000L) {
            return Math.round(millis / 1000.0) + " s";
        }
        return millis + " ms";
    }
}
