package io.fraudstream.txgen.score;

import java.util.Locale;

/**
 * Elapsed times as people read them in a report: {@code 12.3 ms}, {@code 4.50 s}, {@code 3m 07s}.
 */
public final class Elapsed {

    private Elapsed() {}

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
