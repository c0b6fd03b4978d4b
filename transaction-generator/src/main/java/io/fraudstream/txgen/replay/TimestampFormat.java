package io.fraudstream.txgen.replay;

import io.fraudstream.txgen.cli.Choice;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** How a CSV writes the time of a transaction. */
public enum TimestampFormat {
    /**
     * ISO-8601: {@code 2018-04-01T00:00:31Z}, with an offset, or a local date-time ({@code T} or a
     * space between date and time) in the given zone.
     */
    ISO,
    /** Seconds since 1970-01-01T00:00:00Z, fractions allowed. */
    EPOCH_SECONDS,
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    EPOCH_MILLIS;

    /**
     * Parses one value.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    Instant parse(String text, ZoneId zone) {
        try {
            return switch (this) {
                case ISO -> iso(text, zone);
                case EPOCH_SECONDS -> {
                    double seconds = Double.parseDouble(text);
                    yield Instant.ofEpochMilli(Math.round(seconds * 1000));
                }
                case EPOCH_MILLIS -> Instant.ofEpochMilli(Long.parseLong(text));
            };
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not "
                            + (this == ISO ? "an ISO-8601 time" : "a number of " + unit())
                            + ", was \""
                            + text
                            + "\"");
        }
    }

    private String unit() {
        return this == EPOCH_SECONDS ? "seconds since 1970" : "milliseconds since 1970";
    }

    private static Instant iso(String text, ZoneId zone) {
        if (isUtcSeconds(text)
                && digits(text, 11, 2) < 24
                && digits(text, 14, 2) < 60
                && digits(text, 17, 2) < 60) {
            // The handbook's form; parsed by hand, it is most of a replay's parsing time.
            long day =
                    LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2))
                            .toEpochDay();
            return Instant.ofEpochSecond(
                    day * 86_400
                            + digits(text, 11, 2) * 3600L
                            + digits(text, 14, 2) * 60L
                            + digits(text, 17, 2));
        }
        char last = text.charAt(text.length() - 1);
        if (last == 'Z' || last == 'z') {
            return Instant.parse(text);
        }
        String normal =
                text.length() > 10 && text.charAt(10) == ' ' ? text.replace(' ', 'T') : text;
        int t = normal.indexOf('T');
        if (t > 0 && (normal.indexOf('+', t) > 0 || normal.indexOf('-', t) > 0)) {
            return OffsetDateTime.parse(normal).toInstant();
        }
        return LocalDateTime.parse(normal).atZone(zone).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} exactly. */
    private static boolean isUtcSeconds(String s) {
        if (s.length() != 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != 'Z') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    /** picocli converter: {@code iso}, {@code epoch-seconds}, {@code epoch-millis}. */
    public static final class Converter extends Choice<TimestampFormat> {
        public Converter() {
            super(TimestampFormat.class);
        }
    }
}
