package io.fraudstream.job.detect;

import java.time.Duration;

/**
 * Short human-readable durations for alert messages ({@code 10 min}, {@code 1 h}, {@code 45 s}).
 */
final class Durations {

    private Durations() {}

    static String text(Duration duration) {
        return text(duration.toMillis());
    }

    static String text(long millis) {
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
