package io.fraudstream.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final EventTimePolicy POLICY =
            new EventTimePolicy(Duration.ofMinutes(5), Duration.ofDays(7300));

    @Test
    void acceptsTimesFromTheHorizonUpToTheAllowedSkewAhead() {
        assertThat(POLICY.violation(NOW, NOW.toEpochMilli())).isNull();
        assertThat(POLICY.violation(NOW.plus(Duration.ofMinutes(5)), NOW.toEpochMilli())).isNull();
        assertThat(POLICY.violation(NOW.minus(Duration.ofDays(7300)), NOW.toEpochMilli())).isNull();
        assertThat(POLICY.violation(Instant.parse("2018-04-01T00:00:00Z"), NOW.toEpochMilli()))
                .as("the shared handbook weeks replay with the defaults")
                .isNull();
    }

    @Test
    void rejectsAFarFutureTimeNamingTheBoundAndTheOption() {
        assertThat(POLICY.violation(Instant.parse("9999-12-31T23:59:59Z"), NOW.toEpochMilli()))
                .isEqualTo(
                        "timestamp: 9999-12-31T23:59:59Z is more than 5 min ahead of the wall clock"
                                + " when it was read (2026-12-01T10:00:00Z); see"
                                + " event-time.max-ahead");
        assertThat(
                        POLICY.violation(
                                NOW.plus(Duration.ofMinutes(5)).plusMillis(1), NOW.toEpochMilli()))
                .startsWith("timestamp: 2026-12-01T10:05:00.001Z is more than 5 min ahead");
    }

    @Test
    void rejectsATimeOlderThanTheHorizon() {
        assertThat(POLICY.violation(Instant.parse("0000-01-01T00:00:00Z"), NOW.toEpochMilli()))
                .isEqualTo(
                        "timestamp: 0000-01-01T00:00:00Z is more than 7300 d before the wall clock"
                                + " when it was read (2026-12-01T10:00:00Z); see"
                                + " event-time.max-age");
        assertThat(POLICY.violation(Instant.EPOCH, NOW.toEpochMilli()))
                .as("an unset clock's epoch zero")
                .contains("before the wall clock");
    }
}
