package io.fraudstream.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.sink.SinkConfig;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, capped, reproducible with a seed. */
class BackoffTest {

    private static final SinkConfig.Retry RETRY =
            new SinkConfig.Retry(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5);

    @Test
    void doublesPerFailureUpToTheCapWithoutJitter() {
        Backoff backoff =
                new Backoff(
                        new SinkConfig.Retry(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 0),
                        new Random(1));

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesOffAtMostItsShareAndSpreadsTheDelays() {
        Backoff backoff = new Backoff(RETRY, new Random(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.delay(3).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }

        assertThat(min).isGreaterThanOrEqualTo(2000);
        assertThat(max).isLessThanOrEqualTo(4000);
        assertThat(max - min).isGreaterThan(1500);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(RETRY, new Random(42));
        Backoff b = new Backoff(RETRY, new Random(42));

        for (int attempt = 1; attempt <= 8; attempt++) {
            assertThat(a.delay(attempt)).isEqualTo(b.delay(attempt));
        }
    }
}
