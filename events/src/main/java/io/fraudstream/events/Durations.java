package io.fraudstream.events;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the job's options ({@code 500 ms}, {@code 10 s}, {@code 10 min},
 * {@code 2 h}, {@code 35 d}; a number alone is milliseconds), the spellings Flink's own options
 * accept, and short texts for messages.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})\\s*([a-zµ]*)");

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
     * Parses a non-negative duration.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        Duration unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return unit.multipliedBy(Long.parseLong(m.group(1)));
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
