package io.fraudstream.sink.notify;

import io.fraudstream.sink.SinkConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the {@code n}th failed attempt wait {@code min(max,
 * initial * 2^(n-1))}, less a random part of up to {@code jitter} of it, so receivers that fail
 * together are not retried in lockstep. Not thread-safe (the dispatcher thread owns it).
 */
public final class Backoff {

    private final SinkConfig.Retry retry;
    private final RandomGenerator random;

    /**
     * @param retry the policy
     * @param random the source of jitter; seeded in tests
     */
    public Backoff(SinkConfig.Retry retry, RandomGenerator random) {
        this.retry = retry;
        this.random = random;
    }

    /** The wait before the next attempt, after {@code failedAttempts} (at least 1) failures. */
    public Duration delay(int failedAttempts) {
        long initial = retry.initialBackoff().toMillis();
        long max = retry.maxBackoff().toMillis();
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long base = initial > (max >> doublings) ? max : Math.min(max, initial << doublings);
        long jitter = (long) (base * retry.jitter() * random.nextDouble());
        return Duration.ofMillis(base - jitter);
    }
}
