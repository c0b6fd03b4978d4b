package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsANumberAndAUnitWithOrWithoutABlank() {
        assertThat(Durations.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10 min")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2 Hours")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("35 d")).isEqualTo(Duration.ofDays(35));
    }

    @Test
    void readsSeveralTermsFractionsABareNumberAsMillisecondsAndIso8601() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1 h 30 min")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesNegativeUnknownAndIncompleteDurations() {
        for (String bad :
                new String[] {"", "-1 s", "10 x", "s", "1h 30", "PT-1S", "1,5 h", "10 s x"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a duration: " + bad);
        }
    }

    @Test
    void writesTheLargestUnitThatDividesTheDuration() {
        assertThat(Durations.exact(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.exact(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(Durations.exact(Duration.ZERO)).isEqualTo("0 ms");
    }
}
