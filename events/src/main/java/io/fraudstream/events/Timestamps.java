package io.fraudstream.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Parses the ISO-8601 date-times events carry, by hand: {@code DateTimeFormatter} takes about a
 * microsecond per value and throws on bad input, and this runs for every event.
 */
final class Timestamps {

    private static final int[] NANOS_SCALE = {
        100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    /** Offsets beyond ±18:00 do not exist in {@link java.time.ZoneOffset} either. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private Timestamps() {}

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss[.f]Z} or {@code yyyy-MM-ddTHH:mm:ss[.f]±HH:MM}, with 1 to 9
     * fraction digits, as the instant it denotes.
     *
     * @return the instant, or {@code null} if {@code text} is not of that form or names no real
     *     date or time of day (month 13, February 30, hour 24, second 60)
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < length && i - start < 9 && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            nanos *= NANOS_SCALE[i - start - 1];
        }
        int offsetSeconds;
        if (i == length - 1 && text.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == length - 6
                && (text.charAt(i) == '+' || text.charAt(i) == '-')
                && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return null;
            }
            if (text.charAt(i) == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code start}, or -1 if any is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
