package io.fraudstream.model.card;

/**
 * The verdicts on one card: each is pending until the time it counts from (its {@code decidedAt}
 * plus the visibility lag), then applied in that order; the newest applied decides whether the card
 * is compromised. A FRAUD verdict marks the card compromised, a later LEGIT clears it. A Flink
 * POJO, a part of {@link AccountState}; empty for almost every card.
 */
public class CardVerdicts {

    private static final long NONE = Long.MIN_VALUE;

    /** Most pending verdicts kept; a card with more at once keeps the earliest. */
    public static final int MAX_PENDING = 16;

    /** Pending verdicts in the order they count: the time they count from, and the label. */
    public long[] pendingTimes;

    public boolean[] pendingFraud;
    public int pendingCount;

    /** Since when the card is compromised (the marking verdict counts from then), or none. */
    public long compromisedSince = NONE;

    /** When the newest applied verdict counts from, or none. */
    public long newestApplied = NONE;

    /** When the newest applied FRAUD verdict counts from, or none; a LEGIT one keeps it. */
    public long newestFraud = NONE;

    /** FRAUD verdicts applied, up to {@link #MAX_COUNTED}. */
    public int confirmedFrauds;

    /** Most FRAUD verdicts counted: more tell the model nothing new. */
    public static final int MAX_COUNTED = 1000;

    public CardVerdicts() {}

    /** Holds a verdict until {@code countsFrom}; in order of that time. */
    public void add(long countsFrom, boolean fraud) {
        if (pendingTimes == null) {
            pendingTimes = new long[4];
            pendingFraud = new boolean[4];
        }
        if (pendingCount == MAX_PENDING) {
            return;
        }
        if (pendingCount == pendingTimes.length) {
            pendingTimes = java.util.Arrays.copyOf(pendingTimes, pendingCount * 2);
            pendingFraud = java.util.Arrays.copyOf(pendingFraud, pendingCount * 2);
        }
        int i = pendingCount;
        while (i > 0 && pendingTimes[i - 1] > countsFrom) {
            pendingTimes[i] = pendingTimes[i - 1];
            pendingFraud[i] = pendingFraud[i - 1];
            i--;
        }
        pendingTimes[i] = countsFrom;
        pendingFraud[i] = fraud;
        pendingCount++;
    }

    /** Applies, in order, every pending verdict that counts at or before {@code asOf}. */
    public void applyUpTo(long asOf) {
        int applied = 0;
        while (applied < pendingCount && pendingTimes[applied] <= asOf) {
            long time = pendingTimes[applied];
            if (pendingFraud[applied]) {
                if (compromisedSince == NONE) {
                    compromisedSince = time;
                }
                newestFraud = Math.max(newestFraud, time);
                confirmedFrauds = Math.min(confirmedFrauds + 1, MAX_COUNTED);
            } else {
                compromisedSince = NONE;
            }
            newestApplied = Math.max(newestApplied, time);
            applied++;
        }
        if (applied > 0) {
            System.arraycopy(pendingTimes, applied, pendingTimes, 0, pendingCount - applied);
            System.arraycopy(pendingFraud, applied, pendingFraud, 0, pendingCount - applied);
            pendingCount -= applied;
        }
    }

    /** Whether a FRAUD verdict marks the card now (after {@link #applyUpTo}). */
    public boolean compromised() {
        return compromisedSince != NONE;
    }

    /** Days from the newest applied FRAUD verdict to {@code time}, or NaN without one. */
    public double daysSinceFraud(long time) {
        return newestFraud == NONE ? Double.NaN : Math.max(0, time - newestFraud) / 86_400_000.0;
    }

    /** Whether anything is pending or known: a card with verdicts must not be forgotten early. */
    public boolean isEmpty() {
        return pendingCount == 0 && newestApplied == NONE;
    }
}
