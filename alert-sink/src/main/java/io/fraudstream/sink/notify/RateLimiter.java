package io.fraudstream.sink.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code perAccount} notified alerts per account within any sliding {@code window}. Kept in
 * memory: after a restart every account starts afresh, which at worst lets one extra window's worth
 * through. Thread-safe.
 */
public final class RateLimiter {

    /** Sweep idle accounts every so many calls, so memory follows the active accounts only. */
    private static final int SWEEP_EVERY = 10_000;

    private final int perAccount;
    private final long windowMs;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    private int callsSinceSweep;

    /**
     * @param perAccount the limit, 0 for none
     * @param window the sliding window
     * @param clock the time source
     */
    public RateLimiter(int perAccount, Duration window, Clock clock) {
        this.perAccount = perAccount;
        this.windowMs = window.toMillis();
        this.clock = clock;
    }

    /** Counts one notified alert for the account if it is under its limit, else refuses it. */
    public synchronized boolean tryAcquire(String accountId) {
        if (perAccount == 0) {
            return true;
        }
        long now = clock.millis();
        if (++callsSinceSweep >= SWEEP_EVERY) {
            sweep(now);
        }
        ArrayDeque<Long> times = recent.computeIfAbsent(accountId, a -> new ArrayDeque<>());
        evict(times, now);
        if (times.size() >= perAccount) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Accounts currently tracked. */
    public synchronized int trackedAccounts() {
        return recent.size();
    }

    private void evict(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
            times.removeFirst();
        }
    }

    private void sweep(long now) {
        callsSinceSweep = 0;
        for (Iterator<ArrayDeque<Long>> it = recent.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Long> times = it.next();
            evict(times, now);
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }
}
