package io.fraudstream.events.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one size grammar of every program's options: {@code 512 B}, {@code 256 KiB}, {@code 64 MiB},
 * {@code 2 GiB} (binary units, as Flink's memory options and Kafka's docs use them); {@code kb},
 * {@code mb} and {@code gb} are read as the same binary units, as Flink does; a number alone is
 * bytes.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([a-z]*)");

    private static final Map<String, Long> UNITS =
            Map.ofEntries(
                    Map.entry("", 1L),
                    Map.entry("b", 1L),
                    Map.entry("bytes", 1L),
                    Map.entry("k", 1L << 10),
                    Map.entry("kb", 1L << 10),
                    Map.entry("kib", 1L << 10),
                    Map.entry("m", 1L << 20),
                    Map.entry("mb", 1L << 20),
                    Map.entry("mib", 1L << 20),
                    Map.entry("g", 1L << 30),
                    Map.entry("gb", 1L << 30),
                    Map.entry("gib", 1L << 30));

    private Sizes() {}

    /**
     * Parses a non-negative size into bytes.
     *
     * @throws IllegalArgumentException when {@code text} is not one, or does not fit a long
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large a size: " + text);
        }
    }

    /** The size in the largest binary unit that divides it: {@code 256 KiB}, {@code 1000 B}. */
    public static String exact(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + " KiB";
        }
        return bytes + " B";
    }
}
