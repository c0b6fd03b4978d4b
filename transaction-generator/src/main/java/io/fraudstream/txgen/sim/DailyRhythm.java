package io.fraudstream.txgen.sim;

/**
 * How card activity varies over the day: low at night, a morning rise, peaks at lunch and in the
 * early evening. Cardholders follow it shifted by their chronotype (early birds, night owls).
 */
final class DailyRhythm {

    /** Cardholders live in Central European Time, give or take an hour. */
    private static final double LOCAL_OFFSET_HOURS = 1;

    /** Relative activity at the start of each local hour, from card-spending studies' shape. */
    private static final double[] HOURLY = {
        0.25, 0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.60, 0.85, 1.00, 1.10, 1.20,
        1.35, 1.30, 1.20, 1.20, 1.30, 1.45, 1.50, 1.35, 1.10, 0.85, 0.60, 0.40
    };

    /** Hours by which each chronotype's day is shifted, and how common it is. */
    static final double[] CHRONOTYPE_SHIFT_HOURS = {-1.0, 0.0, 1.5};

    static final double[] CHRONOTYPE_SHARE = {0.25, 0.5, 0.25};

    private static final double[] NORMALISED = normalise();

    /** The highest value of {@link #at}. */
    static final double MAX = max();

    private DailyRhythm() {}

    /** Activity relative to the daily mean (which is 1) at this time for this chronotype. */
    static double at(double epochSeconds, int chronotype) {
        double hours =
                epochSeconds / 3600.0 + LOCAL_OFFSET_HOURS - CHRONOTYPE_SHIFT_HOURS[chronotype];
        double hourOfDay = hours - 24 * Math.floor(hours / 24);
        int h = (int) hourOfDay;
        double frac = hourOfDay - h;
        return NORMALISED[h] * (1 - frac) + NORMALISED[(h + 1) % 24] * frac;
    }

    /** Whether this local hour counts as night (22:00 to 06:00) for the default chronotype. */
    static boolean night(long epochMillis) {
        double hours = epochMillis / 3_600_000.0 + LOCAL_OFFSET_HOURS;
        double hourOfDay = hours - 24 * Math.floor(hours / 24);
        return hourOfDay >= 22 || hourOfDay < 6;
    }

    private static double[] normalise() {
        double sum = 0;
        for (double v : HOURLY) {
            sum += v;
        }
        double[] out = new double[24];
        for (int i = 0; i < 24; i++) {
            out[i] = HOURLY[i] * 24 / sum;
        }
        return out;
    }

    private static double max() {
        double max = 0;
        for (double v : NORMALISED) {
            max = Math.max(max, v);
        }
        return max;
    }
}
