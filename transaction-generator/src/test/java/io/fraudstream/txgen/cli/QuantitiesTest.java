package io.fraudstream.txgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void countsAcceptSuffixesAndUnderscores() {
        assertThat(Quantities.count("2000000")).isEqualTo(2_000_000);
        assertThat(Quantities.count("2_000_000")).isEqualTo(2_000_000);
        assertThat(Quantities.count("200k")).isEqualTo(200_000);
        assertThat(Quantities.count("2M")).isEqualTo(2_000_000);
        assertThat(Quantities.count("1.5k")).isEqualTo(1_500);
        assertThatThrownBy(() -> Quantities.count("1.5"))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Quantities.count("lots")).hasMessageContaining("is not a count");
        assertThatThrownBy(() -> Quantities.count("-5"))
                .hasMessageContaining("not a whole number >= 0");
    }

    @Test
    void instantsAcceptIsoDatesAndNow() {
        assertThat(Quantities.instant("2026-01-05T08:00:00Z"))
                .isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(Quantities.instant("2026-01-05"))
                .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(Quantities.instant("now"))
                .isBetween(Instant.now().minusSeconds(5), Instant.now());
        assertThatThrownBy(() -> Quantities.instant("tomorrow"))
                .hasMessageContaining("not an instant");
    }

    @Test
    void ratesAreMaxOrPositive() {
        assertThat(Rate.parse("max").max()).isTrue();
        assertThat(Rate.parse("100k").perSecond()).isEqualTo(100_000);
        assertThatThrownBy(() -> Rate.parse("0")).hasMessageContaining("must be > 0");
    }
}
