package io.fraudstream.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.sink.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A sliding window per account. */
class RateLimiterTest {

    @Test
    void allowsTheLimitPerAccountWithinTheWindowThenAgainAfterIt() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T17:30:00Z"));
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);

        assertThat(limiter.tryAcquire("a")).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        clock.advance(Duration.ofSeconds(30)); // the first one leaves the window
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter =
                new RateLimiter(
                        0,
                        Duration.ofMinutes(1),
                        new ManualClock(Instant.parse("2026-11-26T17:30:00Z")));

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.trackedAccounts()).isZero();
    }

    @Test
    void forgetsIdleAccounts() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T17:30:00Z"));
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), clock);
        for (int i = 0; i < 9_999; i++) {
            limiter.tryAcquire("acct-" + i);
        }
        clock.advance(Duration.ofSeconds(2));

        limiter.tryAcquire("late"); // the 10,000th call sweeps

        assertThat(limiter.trackedAccounts()).isEqualTo(1);
    }
}
