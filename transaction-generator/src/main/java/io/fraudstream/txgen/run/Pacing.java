package io.fraudstream.txgen.run;

/**
 * How fast records go out: as fast as possible, a number of records per second, or following the
 * records' event times at a multiple of real time. Pacing computes what is due from the time
 * elapsed since the start, so the average rate stays exact however the sender is scheduled.
 */
public final class Pacing {

    private final double perSecond;
    private final double speed;

    private Pacing(double perSecond, double speed) {
        this.perSecond = perSecond;
        this.speed = speed;
    }

    public static Pacing asFastAsPossible() {
        return new Pacing(0, 0);
    }

    /** A steady {@code rate} records per second. */
    public static Pacing perSecond(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: must be > 0, was " + rate);
        }
        return new Pacing(rate, 0);
    }

    /** Event time runs {@code speed} times as fast as the wall clock (1 is real time). */
    public static Pacing eventTime(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed: must be > 0, was " + speed);
        }
        return new Pacing(0, speed);
    }

    public boolean isUnlimited() {
        return perSecond == 0 && speed == 0;
    }

    /** How many records may have been sent {@code elapsedNanos} after the start. */
    public long recordsDue(long elapsedNanos) {
        // Multiplying first keeps whole results exact: 9 ms at 100,000/s is 900, not 899.99.
        return perSecond > 0 ? (long) (elapsedNanos * perSecond / 1e9) : Long.MAX_VALUE;
    }

    /**
     * The latest event time that may have been sent {@code elapsedNanos} after the start, when the
     * first record's event time was {@code firstEventMillis}.
     */
    public long eventTimeDue(long firstEventMillis, long elapsedNanos) {
        return speed > 0 ? firstEventMillis + (long) (elapsedNanos * speed / 1e6) : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        if (perSecond > 0) {
            return String.format("%,.0f records/s", perSecond);
        }
        return speed > 0 ? String.format("%,g x real time", speed) : "as fast as possible";
    }
}
